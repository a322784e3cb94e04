import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorReplySchema, handoverNoteBodySchema, handoverNoteReplySchema, handoverQuerySchema, handoverSchema } from '../../../../../schemas/index.js';
import type { HandoverService } from '../../../app/handover/handover.service.js';
import { sessionOf } from '../authenticate.js';

// The shift handover: the summary the outgoing operator reads to the next shift, and the note they leave for it.

const tags = ['handover'];

export const handoverRoutes: FastifyPluginAsyncZod<{ handover: HandoverService }> = async (app, { handover }) => {
  app.get(
    '/handover',
    {
      schema: {
        tags,
        summary:
          'The shift handover since `since` (default 12 h ago): open alerts by priority and status, on hold, escalated, unacknowledged P1s, overdue tasks, alerts closed by outcome, and what people noted (desk roles)',
        querystring: handoverQuerySchema,
        response: { 200: handoverSchema, 400: errorReplySchema, 401: errorReplySchema, 403: errorReplySchema, 404: errorReplySchema },
      },
    },
    async (request) => handover.summary(sessionOf(request), request.query),
  );

  app.post(
    '/handover/notes',
    {
      schema: {
        tags,
        summary: "The outgoing operator's note for the next shift; listed in the handover of the author's region and the regions above it",
        body: handoverNoteBodySchema,
        response: { 201: handoverNoteReplySchema, 400: errorReplySchema, 401: errorReplySchema, 403: errorReplySchema },
      },
    },
    async (request, reply) => reply.code(201).send(await handover.addNote(sessionOf(request), request.body.note)),
  );
};
