import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createDeviceBodySchema,
  createDeviceReplySchema,
  createElderBodySchema,
  deviceIdParamsSchema,
  deviceSchema,
  elderSchema,
  errorReplySchema,
} from '../../../../../schemas/index.js';
import type { RegistrationService } from '../../../app/registration.service.js';

// Elders and their devices.

export const registryRoutes: FastifyPluginAsyncZod<{ registration: RegistrationService }> = async (app, { registration }) => {
  app.post(
    '/elders',
    {
      schema: {
        tags: ['elders'],
        summary: 'Register an elder',
        body: createElderBodySchema,
        response: { 201: elderSchema, 400: errorReplySchema, 401: errorReplySchema },
      },
    },
    async (request, reply) => reply.status(201).send(await registration.createElder(request.body)),
  );

  app.get(
    '/elders/:id',
    {
      schema: {
        tags: ['elders'],
        summary: 'One elder',
        params: z.object({ id: z.string().min(1).max(64) }),
        response: { 200: elderSchema, 401: errorReplySchema, 404: errorReplySchema },
      },
    },
    async (request) => registration.getElder(request.params.id),
  );

  app.post(
    '/devices',
    {
      schema: {
        tags: ['devices'],
        summary: 'Register a device for an elder; the reply holds its MQTT secret, shown this once',
        body: createDeviceBodySchema,
        response: { 201: createDeviceReplySchema, 400: errorReplySchema, 401: errorReplySchema, 404: errorReplySchema, 409: errorReplySchema },
      },
    },
    async (request, reply) => reply.status(201).send(await registration.createDevice(request.body)),
  );

  app.get(
    '/devices/:id',
    {
      schema: {
        tags: ['devices'],
        summary: 'One device: kind, room, test mode, presence (online, battery, last seen)',
        params: deviceIdParamsSchema,
        response: { 200: deviceSchema, 401: errorReplySchema, 404: errorReplySchema },
      },
    },
    async (request) => registration.getDevice(request.params.id),
  );
};
