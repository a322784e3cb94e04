import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  answerComplaintBodySchema,
  assignComplaintBodySchema,
  closeComplaintBodySchema,
  complaintViewSchema,
  createComplaintBodySchema,
  errorReplySchema,
  listComplaintsQuerySchema,
} from '../../../../../../schemas/index.js';
import type { ComplaintService } from '../../../../app/complaints/complaint.service.js';
import { sessionOf } from '../../authenticate.js';

// Complaints (投诉): recorded by the desk (from a call or on their own), owned by a supervisor, answered, closed after
// the follow-up call; overdue once past their handling deadline.

const params = z.object({ id: z.string().min(1).max(64) });
const replies = { 200: complaintViewSchema, 400: errorReplySchema, 401: errorReplySchema, 403: errorReplySchema, 404: errorReplySchema, 409: errorReplySchema };
const tags = ['complaints'];

export const complaintRoutes: FastifyPluginAsyncZod<{ complaints: ComplaintService }> = async (app, { complaints }) => {
  app.post(
    '/complaints',
    {
      schema: {
        tags,
        summary: "Record a complaint, from a call (callId) or on its own; due COMPLAINT_HANDLING_DAYS days from now, in the elder's, the call's or your region",
        body: createComplaintBodySchema,
        response: { ...replies, 201: complaintViewSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await complaints.create(sessionOf(request), request.body)),
  );

  app.get(
    '/complaints',
    {
      schema: {
        tags,
        summary: 'Complaints of your region, newest first; status=overdue: past the deadline and not closed; unclosed (default): open or answered',
        querystring: listComplaintsQuerySchema,
        response: { 200: z.object({ items: z.array(complaintViewSchema) }), 400: errorReplySchema, 401: errorReplySchema, 403: errorReplySchema },
      },
    },
    async (request) => ({ items: await complaints.list(sessionOf(request), request.query.status, request.query.limit) }),
  );

  app.get(
    '/complaints/:id',
    { schema: { tags, summary: 'One complaint', params, response: { 200: complaintViewSchema, 401: errorReplySchema, 403: errorReplySchema, 404: errorReplySchema } } },
    async (request) => complaints.get(sessionOf(request), request.params.id),
  );

  app.post(
    '/complaints/:id/assign',
    { schema: { tags, summary: "Give the complaint to a supervisor whose region holds it (supervisors and admins)", params, body: assignComplaintBodySchema, response: replies } },
    async (request) => complaints.assign(sessionOf(request), request.params.id, request.body.ownerId),
  );

  app.post(
    '/complaints/:id/answer',
    { schema: { tags, summary: 'What the caller was told: open → answered', params, body: answerComplaintBodySchema, response: replies } },
    async (request) => complaints.answer(sessionOf(request), request.params.id, request.body.answer),
  );

  app.post(
    '/complaints/:id/close',
    {
      schema: {
        tags,
        summary: 'Close after the follow-up call (an outbound call after the complaint, to the same elder or number): answered → closed',
        params,
        body: closeComplaintBodySchema,
        response: replies,
      },
    },
    async (request) => complaints.close(sessionOf(request), request.params.id, request.body.followUpCallId, request.body.note),
  );
};
