import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  alertIdParamsSchema,
  callAlertBodySchema,
  callAlertReplySchema,
  callAttemptBodySchema,
  callingOrderSchema,
  callPageSchema,
  callServiceRequestBodySchema,
  callTaskReplySchema,
  callViewSchema,
  createCallBodySchema,
  elderSchema,
  errorReplySchema,
  linkCallBodySchema,
  listCallsQuerySchema,
  registerFromCallBodySchema,
} from '../../../../../../schemas/index.js';
import type { AlarmCallsService } from '../../../../app/calls/alarm-calls.service.js';
import type { CallService } from '../../../../app/calls/call.service.js';
import { sessionOf } from '../../authenticate.js';

// The call record (12349, the supervision line, direct lines, walk-ins) and what comes of a call: an alert with no
// device, a service task, a caller linked or registered later. Also the calls the desk makes during an alarm, in
// the calling order. Desk roles only; a call is seen only by desks whose region holds it.

const errors = { 400: errorReplySchema, 401: errorReplySchema, 403: errorReplySchema, 404: errorReplySchema, 409: errorReplySchema };
const callParams = z.object({ id: z.string().min(1).max(64) });
const tags = ['calls'];
const registeredReplySchema = z.object({ call: callViewSchema, elder: elderSchema });

export const callRoutes: FastifyPluginAsyncZod<{ calls: CallService; alarmCalls: AlarmCallsService }> = async (app, { calls, alarmCalls }) => {
  app.post(
    '/calls',
    {
      schema: {
        tags,
        summary:
          'Record a call (direction, line, caller number, the elder or the caller as they gave themselves, category); with visitTaskId a phone check completes that monthly visit when the visit policy allows',
        body: createCallBodySchema,
        response: { 201: callViewSchema, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await calls.create(sessionOf(request), request.body)),
  );

  app.get(
    '/calls',
    {
      schema: {
        tags,
        summary: 'The call log of your region, newest first; q searches number fragments, names, addresses and notes; page with nextCursor',
        querystring: listCallsQuerySchema,
        response: { 200: callPageSchema, 400: errorReplySchema, 401: errorReplySchema, 403: errorReplySchema },
      },
    },
    async (request) => calls.list(sessionOf(request), request.query),
  );

  app.get(
    '/calls/:id',
    { schema: { tags, summary: 'One call', params: callParams, response: { 200: callViewSchema, 401: errorReplySchema, 403: errorReplySchema, 404: errorReplySchema } } },
    async (request) => calls.get(sessionOf(request), request.params.id),
  );

  app.post(
    '/calls/:id/alert',
    {
      schema: {
        tags,
        summary: "Raise an alert from the call (no device; P1 unless chosen): it enters the queue and escalates like an SOS; 409 CALL_NO_ELDER, CALL_ALREADY_LINKED",
        params: callParams,
        body: callAlertBodySchema.nullish(),
        response: { 201: callAlertReplySchema, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await calls.raiseAlert(sessionOf(request), request.params.id, request.body ?? {})),
  );

  app.post(
    '/calls/:id/service-request',
    {
      schema: {
        tags,
        summary: 'Open the service task the green key opens (六助, 助购, 代办, 精神慰藉) for the call\'s elder',
        params: callParams,
        body: callServiceRequestBodySchema,
        response: { 201: callTaskReplySchema, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await calls.requestService(sessionOf(request), request.params.id, request.body)),
  );

  app.post(
    '/calls/:id/link',
    {
      schema: { tags, summary: 'Link a call of a caller nobody knew to a registered elder (once)', params: callParams, body: linkCallBodySchema, response: { 200: callViewSchema, ...errors } },
    },
    async (request) => calls.linkElder(sessionOf(request), request.params.id, request.body.elderId),
  );

  app.post(
    '/calls/:id/register-elder',
    {
      schema: {
        tags,
        summary: 'Register the caller as an elder from what the call recorded (the body fills or overrides it) and link the call',
        params: callParams,
        body: registerFromCallBodySchema.nullish(),
        response: { 201: registeredReplySchema, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await calls.registerElder(sessionOf(request), request.params.id, request.body ?? {})),
  );

  app.get(
    '/alerts/:id/calling-order',
    {
      schema: {
        tags: ['alerts', ...tags],
        summary: 'Whom to call during the alarm: the elder, then the contacts in order, each with the attempts made; next is the first not yet tried while nobody answered',
        params: alertIdParamsSchema,
        response: { 200: callingOrderSchema, 401: errorReplySchema, 403: errorReplySchema, 404: errorReplySchema },
      },
    },
    async (request) => alarmCalls.callingOrder(sessionOf(request), request.params.id),
  );

  app.post(
    '/alerts/:id/call-attempts',
    {
      schema: {
        tags: ['alerts', ...tags],
        summary: 'Log a call to the elder or a contact during the alarm with its outcome: a call on record and a line on the timeline; 409 when the alert is closed',
        params: alertIdParamsSchema,
        body: callAttemptBodySchema,
        response: { 201: callViewSchema, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await alarmCalls.recordAttempt(sessionOf(request), request.params.id, request.body)),
  );
};
