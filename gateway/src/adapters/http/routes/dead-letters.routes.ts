import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { deadLetterListQuerySchema, deadLetterListReplySchema, errorReplySchema } from '../../../../../schemas/index.js';
import type { DeadLetterService } from '../../../app/ingest/dead-letter.service.js';
import { sessionOf } from '../authenticate.js';

// Dead letters: device messages refused, or salvaged, by the ingest (docs/device-protocol.md, section 7).

export const deadLetterRoutes: FastifyPluginAsyncZod<{ deadLetters: DeadLetterService }> = async (app, { deadLetters }) => {
  app.get(
    '/dead-letters',
    {
      schema: {
        tags: ['devices'],
        summary: 'Device messages refused or salvaged, newest first, in your region (desk roles)',
        querystring: deadLetterListQuerySchema,
        response: { 200: deadLetterListReplySchema, 400: errorReplySchema, 401: errorReplySchema, 403: errorReplySchema, 404: errorReplySchema },
      },
    },
    async (request) => ({ items: await deadLetters.list(sessionOf(request), request.query) }),
  );
};
