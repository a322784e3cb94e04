import { normalizeIP } from '@fastify/rate-limit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorReplySchema, loginBodySchema, loginReplySchema } from '../../../../../schemas/index.js';
import type { AuthService } from '../../../app/people/auth.service.js';

export const authRoutes: FastifyPluginAsyncZod<{ auth: AuthService }> = async (app, { auth }) => {
  app.post(
    '/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Exchange a username and password for a bearer token',
        body: loginBodySchema,
        response: { 200: loginReplySchema, 400: errorReplySchema, 401: errorReplySchema, 403: errorReplySchema, 429: errorReplySchema },
      },
    },
    async (request) => {
      // Failed logins lock the name for this address only (as the login rate limit counts it: an IPv6 /64 is one).
      const { token, expiresAt } = await auth.login(request.body.username, request.body.password, normalizeIP(request.ip));
      return { token, expiresAt: new Date(expiresAt).toISOString() };
    },
  );
};
