import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  careProfileBodySchema,
  deviceEventListReplySchema,
  deviceIdParamsSchema,
  deviceSchema,
  elderIdParamsSchema,
  elderSchema,
  errorReplySchema,
  setAwayBodySchema,
  testModeBodySchema,
} from '../../../../../schemas/index.js';
import type { RegistrationService } from '../../../app/registry/registration.service.js';
import { sessionOf } from '../authenticate.js';

// How an elder and a device are watched: thresholds and risk category, the away state, test mode, and the record
// of what a device sent.

const elderReplies = { 200: elderSchema, 400: errorReplySchema, 401: errorReplySchema, 403: errorReplySchema, 404: errorReplySchema };
const deviceReplies = { 200: deviceSchema, 400: errorReplySchema, 401: errorReplySchema, 403: errorReplySchema, 404: errorReplySchema };

export const careProfileRoutes: FastifyPluginAsyncZod<{ registration: RegistrationService }> = async (app, { registration }) => {
  app.put(
    '/elders/:id/care-profile',
    {
      schema: {
        tags: ['elders'],
        summary: "Set the elder's risk category and own threshold overrides (replacing earlier overrides)",
        params: elderIdParamsSchema,
        body: careProfileBodySchema,
        response: elderReplies,
      },
    },
    async (request) => registration.setCareProfile(sessionOf(request), request.params.id, request.body),
  );

  app.put(
    '/elders/:id/away',
    {
      schema: {
        tags: ['elders'],
        summary: 'The elder is out or in hospital: inactivity, bathroom, door, not-worn and night bed-exit watches pause until `until` (without it, AWAY_MAX_DAYS), or until ended; motion at home meanwhile raises a P3 question',
        params: elderIdParamsSchema,
        body: setAwayBodySchema,
        response: elderReplies,
      },
    },
    async (request) => registration.setAway(sessionOf(request), request.params.id, request.body),
  );

  app.delete(
    '/elders/:id/away',
    {
      schema: { tags: ['elders'], summary: 'The elder is back: the paused watches restart now and the motion-while-away question clears', params: elderIdParamsSchema, response: elderReplies },
    },
    async (request) => registration.endAway(sessionOf(request), request.params.id),
  );

  app.put(
    '/devices/:id/test-mode',
    {
      schema: {
        tags: ['devices'],
        summary: 'Put a device in test mode: its alerts reach the desk marked as tests and are never dispatched',
        params: deviceIdParamsSchema,
        body: testModeBodySchema,
        response: deviceReplies,
      },
    },
    async (request) => registration.setTestMode(sessionOf(request), request.params.id, request.body.minutes),
  );

  app.delete(
    '/devices/:id/test-mode',
    { schema: { tags: ['devices'], summary: 'End test mode now', params: deviceIdParamsSchema, response: deviceReplies } },
    async (request) => registration.setTestMode(sessionOf(request), request.params.id, null),
  );

  app.get(
    '/devices/:id/events',
    {
      schema: {
        tags: ['devices'],
        summary: 'What the device sent on its events channel, newest first (including detections that did not alarm)',
        params: deviceIdParamsSchema,
        querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(1000).default(100) }),
        response: { 200: deviceEventListReplySchema, 400: errorReplySchema, 401: errorReplySchema, 403: errorReplySchema, 404: errorReplySchema },
      },
    },
    async (request) => ({ items: await registration.listDeviceEvents(sessionOf(request), request.params.id, request.query.limit) }),
  );
};
