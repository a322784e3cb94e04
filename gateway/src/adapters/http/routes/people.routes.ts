import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createRegionBodySchema,
  createUserBodySchema,
  errorReplySchema,
  meReplySchema,
  regionListReplySchema,
  regionSchema,
  updateUserBodySchema,
  userListReplySchema,
  userRoleSchema,
  userSchema,
} from '../../../../../schemas/index.js';
import type { RegionService } from '../../../app/people/region.service.js';
import type { UserService } from '../../../app/people/user.service.js';
import { sessionOf } from '../authenticate.js';

// Regions and people.

const denied = { 401: errorReplySchema, 403: errorReplySchema };

export const peopleRoutes: FastifyPluginAsyncZod<{ users: UserService; regionService: RegionService }> = async (app, { users, regionService }) => {
  app.get('/me', { schema: { tags: ['people'], summary: 'Who you are: role, region, duty', response: { 200: meReplySchema, ...denied } } }, async (request) =>
    users.me(sessionOf(request)),
  );

  app.get(
    '/regions',
    {
      schema: {
        tags: ['people'],
        summary: "Your region, the regions below it and above it, and the deployment's levels with their names",
        response: { 200: regionListReplySchema, ...denied },
      },
    },
    async (request) => ({ items: regionService.list(sessionOf(request)), levels: regionService.levels() }),
  );

  app.post(
    '/regions',
    {
      schema: {
        tags: ['people'],
        summary: "Add a region under one of yours, of the level below its parent's (admin)",
        body: createRegionBodySchema,
        response: { 201: regionSchema, 400: errorReplySchema, 404: errorReplySchema, ...denied },
      },
    },
    async (request, reply) => reply.status(201).send(await regionService.create(sessionOf(request), request.body)),
  );

  app.get(
    '/users',
    {
      schema: {
        tags: ['people'],
        summary: 'People of your region (desk roles)',
        querystring: z.strictObject({ role: userRoleSchema.optional() }),
        response: { 200: userListReplySchema, 400: errorReplySchema, ...denied },
      },
    },
    async (request) => ({ items: await users.list(sessionOf(request), request.query.role) }),
  );

  app.post(
    '/users',
    {
      schema: {
        tags: ['people'],
        summary: 'Create an account in a region of yours (admin)',
        body: createUserBodySchema,
        response: { 201: userSchema, 400: errorReplySchema, 404: errorReplySchema, 409: errorReplySchema, ...denied },
      },
    },
    async (request, reply) => reply.status(201).send(await users.create(sessionOf(request), request.body)),
  );

  app.patch(
    '/users/:id',
    {
      schema: {
        tags: ['people'],
        summary: 'On or off duty, phone (yourself, or a supervisor for the region)',
        params: z.object({ id: z.string().min(1).max(64) }),
        body: updateUserBodySchema,
        response: { 200: userSchema, 400: errorReplySchema, 404: errorReplySchema, ...denied },
      },
    },
    async (request) => users.update(sessionOf(request), request.params.id, request.body),
  );
};
