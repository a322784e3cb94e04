import { normalizeIP } from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorReplySchema, telephonyIncomingBodySchema } from '../../../../../../schemas/index.js';
import { AppError } from '../../../../app/errors.js';
import type { IntegrationTokenRecord } from '../../../../app/ports/store/phone/integration-tokens.port.js';
import type { IntegrationTokenService } from '../../../../app/telephony/integration-token.service.js';
import type { TelephonyService } from '../../../../app/telephony/telephony.service.js';
import { bearerToken } from '../../authenticate.js';

// The telephony hook (docs/telephony.md): a softphone or PBX announces a ringing call. It is registered beside the
// people's API, not inside it: it takes an integration token and nothing else (a person's login is refused here,
// and an integration token is refused everywhere else, since each side looks the token up in its own table). Each
// token may announce TELEPHONY_RATE_LIMIT_PER_MINUTE calls a minute; past that, 429 RATE_LIMITED.

declare module 'fastify' {
  interface FastifyRequest {
    integration: IntegrationTokenRecord | null;
  }
}

const WINDOW_MS = 60_000;

function integrationOf(request: FastifyRequest): IntegrationTokenRecord {
  if (!request.integration) throw new AppError('INTEGRATION_TOKEN_INVALID');
  return request.integration;
}

export const telephonyRoutes: FastifyPluginAsyncZod<{ telephony: TelephonyService; tokens: IntegrationTokenService; perMinute: number }> = async (
  app,
  { telephony, tokens, perMinute },
) => {
  app.decorateRequest('integration', null);
  // Runs before the route's rate limit, so the limit is counted per token.
  app.addHook('onRequest', async (request) => {
    const token = await tokens.verify(bearerToken(request.headers.authorization));
    if (!token) throw new AppError('INTEGRATION_TOKEN_INVALID');
    request.integration = token;
  });

  app.post(
    '/telephony/incoming',
    {
      config: {
        rateLimit: {
          max: perMinute,
          timeWindow: WINDOW_MS,
          keyGenerator: (request: FastifyRequest) => `telephony:${request.integration?.id ?? normalizeIP(request.ip)}`,
        },
      },
      schema: {
        tags: ['telephony'],
        summary: "A call is ringing (Authorization: Bearer <integration token>): the desks of the matching elder's region hear call.incoming; nothing is stored",
        security: [{ bearer: [] }],
        body: telephonyIncomingBodySchema,
        response: { 202: z.object({ matched: z.number().int().nonnegative() }), 400: errorReplySchema, 401: errorReplySchema, 429: errorReplySchema },
      },
    },
    async (request, reply) => reply.code(202).send(await telephony.incoming(integrationOf(request), request.body)),
  );
};
