import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  changePasswordBodySchema,
  errorReplySchema,
  resetPasswordBodySchema,
  sessionListReplySchema,
  userIdParamsSchema,
  userSchema,
  userSessionParamsSchema,
} from '../../../../../schemas/index.js';
import type { AuthService } from '../../../app/people/auth.service.js';
import { sessionView, type UserService } from '../../../app/people/user.service.js';
import { sessionOf } from '../authenticate.js';

// Sessions and accounts: logging out, one's own sessions and password, and an admin's reset, revoke, disable and
// enable. Every one of them ends sessions on REST at once and closes their websockets (session-revocations.ts).

const denied = { 401: errorReplySchema, 403: errorReplySchema };
const noContent = { 204: z.null().describe('done; no body') };

export const accountRoutes: FastifyPluginAsyncZod<{ auth: AuthService; users: UserService }> = async (app, { auth, users }) => {
  app.post(
    '/auth/logout',
    { schema: { tags: ['auth'], summary: "End this token's session, on every instance and on its open websockets", response: { ...noContent, ...denied } } },
    async (request, reply) => {
      await auth.logout(sessionOf(request));
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/auth/sessions',
    { schema: { tags: ['auth'], summary: 'Your live sessions (`current`: this one)', response: { 200: sessionListReplySchema, ...denied } } },
    async (request) => ({ items: (await auth.ownSessions(sessionOf(request))).map((s) => sessionView(s, s.current)) }),
  );

  app.post(
    '/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: 'Change your password (the current one is asked for); your other sessions end',
        body: changePasswordBodySchema,
        response: { ...noContent, 400: errorReplySchema, ...denied },
      },
    },
    async (request, reply) => {
      await auth.changePassword(sessionOf(request), request.body.currentPassword, request.body.newPassword);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/users/:id/sessions',
    {
      schema: {
        tags: ['people'],
        summary: "A person's live sessions (yourself, or an admin for the region)",
        params: userIdParamsSchema,
        response: { 200: sessionListReplySchema, 404: errorReplySchema, ...denied },
      },
    },
    async (request) => ({ items: await users.sessions(sessionOf(request), request.params.id) }),
  );

  app.delete(
    '/users/:id/sessions/:sid',
    {
      schema: {
        tags: ['people'],
        summary: "End one of a person's sessions (yourself, or an admin for the region)",
        params: userSessionParamsSchema,
        response: { ...noContent, 404: errorReplySchema, ...denied },
      },
    },
    async (request, reply) => {
      await users.revokeSession(sessionOf(request), request.params.id, request.params.sid);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/users/:id/password',
    {
      schema: {
        tags: ['people'],
        summary: "Set a person's password (admin); all their sessions end",
        params: userIdParamsSchema,
        body: resetPasswordBodySchema,
        response: { 200: userSchema, 400: errorReplySchema, 404: errorReplySchema, ...denied },
      },
    },
    async (request) => users.resetPassword(sessionOf(request), request.params.id, request.body.password),
  );

  app.post(
    '/users/:id/disable',
    {
      schema: {
        tags: ['people'],
        summary: 'Disable an account (admin): it cannot log in, its sessions and websockets end, it goes off duty',
        params: userIdParamsSchema,
        response: { 200: userSchema, 404: errorReplySchema, 409: errorReplySchema, ...denied },
      },
    },
    async (request) => users.disable(sessionOf(request), request.params.id),
  );

  app.post(
    '/users/:id/enable',
    {
      schema: { tags: ['people'], summary: 'Enable a disabled account again (admin)', params: userIdParamsSchema, response: { 200: userSchema, 404: errorReplySchema, ...denied } },
    },
    async (request) => users.enable(sessionOf(request), request.params.id),
  );
};
