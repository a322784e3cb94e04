import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createdIntegrationTokenSchema, createIntegrationTokenBodySchema, errorReplySchema, integrationTokenViewSchema } from '../../../../../../schemas/index.js';
import type { IntegrationTokenService } from '../../../../app/telephony/integration-token.service.js';
import { sessionOf } from '../../authenticate.js';

// Tokens for a softphone or PBX to announce ringing calls (docs/telephony.md). Admins only; the token is in the
// reply to its creation and nowhere else.

const tags = ['telephony'];
const denied = { 401: errorReplySchema, 403: errorReplySchema };

export const integrationTokenRoutes: FastifyPluginAsyncZod<{ tokens: IntegrationTokenService }> = async (app, { tokens }) => {
  app.post(
    '/integrations/tokens',
    {
      schema: {
        tags,
        summary: 'Make a token for a PBX or softphone (its calls ring at the desks of regionId, default yours); the token is shown only now',
        body: createIntegrationTokenBodySchema,
        response: { 201: createdIntegrationTokenSchema, 400: errorReplySchema, 404: errorReplySchema, ...denied },
      },
    },
    async (request, reply) => reply.code(201).send(await tokens.create(sessionOf(request), request.body)),
  );

  app.get(
    '/integrations/tokens',
    { schema: { tags, summary: 'The integration tokens of your region, revoked ones included (never the tokens themselves)', response: { 200: z.object({ items: z.array(integrationTokenViewSchema) }), ...denied } } },
    async (request) => ({ items: await tokens.list(sessionOf(request)) }),
  );

  app.delete(
    '/integrations/tokens/:id',
    {
      schema: {
        tags,
        summary: 'Revoke a token: the hook refuses it from now on',
        params: z.object({ id: z.string().min(1).max(64) }),
        response: { 204: z.null(), 404: errorReplySchema, ...denied },
      },
    },
    async (request, reply) => {
      await tokens.revoke(sessionOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
};
