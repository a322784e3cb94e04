import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  createDeviceBodySchema,
  createDeviceReplySchema,
  createElderBodySchema,
  deviceIdParamsSchema,
  deviceListQuerySchema,
  deviceListReplySchema,
  deviceSchema,
  elderIdParamsSchema,
  elderListQuerySchema,
  elderListReplySchema,
  elderSchema,
  errorReplySchema,
  rotateDeviceSecretReplySchema,
  updateElderBodySchema,
} from '../../../../../schemas/index.js';
import type { RegistrationService } from '../../../app/registry/registration.service.js';
import { sessionOf } from '../authenticate.js';

// Elders (the record the desk and the responder read) and their devices, and a device's secret when it must change.

const denied = { 401: errorReplySchema, 403: errorReplySchema };

export const registryRoutes: FastifyPluginAsyncZod<{ registration: RegistrationService }> = async (app, { registration }) => {
  app.post(
    '/elders',
    {
      schema: {
        tags: ['elders'],
        summary: 'Register an elder in a region of yours, with contacts in calling order, medical and access notes',
        body: createElderBodySchema,
        response: { 201: elderSchema, 400: errorReplySchema, 404: errorReplySchema, 409: errorReplySchema, ...denied },
      },
    },
    async (request, reply) => reply.status(201).send(await registration.createElder(sessionOf(request), request.body)),
  );

  app.get(
    '/elders',
    {
      schema: {
        tags: ['elders'],
        summary: 'Elders of your region, by id, a page at a time; filters group, regionId (a town or community), veryOld, assessment, q (a part of the name or the ID number\'s tail)',
        querystring: elderListQuerySchema,
        response: { 200: elderListReplySchema, 400: errorReplySchema, 404: errorReplySchema, ...denied },
      },
    },
    async (request) => registration.listElders(sessionOf(request), request.query),
  );

  app.get(
    '/elders/:id',
    {
      schema: { tags: ['elders'], summary: "One elder's record", params: elderIdParamsSchema, response: { 200: elderSchema, 404: errorReplySchema, ...denied } },
    },
    async (request) => registration.getElder(sessionOf(request), request.params.id),
  );

  app.patch(
    '/elders/:id',
    {
      schema: {
        tags: ['elders'],
        summary: "Change the elder's record (the fields given)",
        params: elderIdParamsSchema,
        body: updateElderBodySchema,
        response: { 200: elderSchema, 400: errorReplySchema, 404: errorReplySchema, 409: errorReplySchema, ...denied },
      },
    },
    async (request) => registration.updateElder(sessionOf(request), request.params.id, request.body),
  );

  app.post(
    '/devices',
    {
      schema: {
        tags: ['devices'],
        summary: 'Register a device for an elder; the reply holds its MQTT secret, shown this once',
        body: createDeviceBodySchema,
        response: { 201: createDeviceReplySchema, 400: errorReplySchema, 404: errorReplySchema, 409: errorReplySchema, ...denied },
      },
    },
    async (request, reply) => reply.status(201).send(await registration.createDevice(sessionOf(request), request.body)),
  );

  app.get(
    '/devices',
    {
      schema: {
        tags: ['devices'],
        summary: 'Devices of your region, by id, a page at a time; filters elderId, kind, online',
        querystring: deviceListQuerySchema,
        response: { 200: deviceListReplySchema, 400: errorReplySchema, ...denied },
      },
    },
    async (request) => registration.listDevices(sessionOf(request), request.query),
  );

  app.get(
    '/devices/:id',
    {
      schema: {
        tags: ['devices'],
        summary: 'One device: kind, room, test mode, presence (online, battery, last seen)',
        params: deviceIdParamsSchema,
        response: { 200: deviceSchema, 404: errorReplySchema, ...denied },
      },
    },
    async (request) => registration.getDevice(sessionOf(request), request.params.id),
  );

  app.post(
    '/devices/:id/secret',
    {
      schema: {
        tags: ['devices'],
        summary: "Replace the device's MQTT secret (leaked, or the device changes hands): the old one stops working now; the reply holds the new one, shown this once",
        params: deviceIdParamsSchema,
        response: { 200: rotateDeviceSecretReplySchema, 404: errorReplySchema, ...denied },
      },
    },
    async (request) => registration.rotateSecret(sessionOf(request), request.params.id),
  );
};
