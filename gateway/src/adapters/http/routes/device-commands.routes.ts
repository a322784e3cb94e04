import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createDeviceCommandBodySchema,
  deviceCommandListQuerySchema,
  deviceCommandListReplySchema,
  deviceCommandViewSchema,
  deviceIdParamsSchema,
  errorReplySchema,
} from '../../../../../schemas/index.js';
import type { DeviceCommandsService } from '../../../app/device-commands/device-commands.service.js';
import { sessionOf } from '../authenticate.js';

// Commands to devices as records (issue 22): make one (locate, snapshot, set_intervals, ...), read a device's
// commands, read one command as it moves queued → sent → delivered → done (or failed, expired).

const denied = { 401: errorReplySchema, 403: errorReplySchema };
const commandIdParamsSchema = z.object({ commandId: z.string().min(1).max(64) });

export const deviceCommandRoutes: FastifyPluginAsyncZod<{ deviceCommands: DeviceCommandsService }> = async (app, { deviceCommands }) => {
  app.post(
    '/devices/:id/commands',
    {
      schema: {
        tags: ['devices'],
        summary:
          'Send the device a command: stored queued and sent at once when the device is connected, else when it comes back, until ttlSeconds pass. 201 when made; 200 with the stored command when the same id was sent before (nothing is sent again)',
        params: deviceIdParamsSchema,
        body: createDeviceCommandBodySchema,
        response: { 200: deviceCommandViewSchema, 201: deviceCommandViewSchema, 400: errorReplySchema, 404: errorReplySchema, 409: errorReplySchema, ...denied },
      },
    },
    async (request, reply) => {
      const { command, created } = await deviceCommands.create(sessionOf(request), request.params.id, request.body);
      return reply.status(created ? 201 : 200).send(command);
    },
  );

  app.get(
    '/devices/:id/commands',
    {
      schema: {
        tags: ['devices'],
        summary: "The device's commands, newest first",
        params: deviceIdParamsSchema,
        querystring: deviceCommandListQuerySchema,
        response: { 200: deviceCommandListReplySchema, 400: errorReplySchema, 404: errorReplySchema, ...denied },
      },
    },
    async (request) => deviceCommands.list(sessionOf(request), request.params.id, request.query),
  );

  app.get(
    '/device-commands/:commandId',
    {
      schema: {
        tags: ['devices'],
        summary: 'One command as it stands: its status, when it was sent and delivered, and what the device answered',
        params: commandIdParamsSchema,
        response: { 200: deviceCommandViewSchema, 404: errorReplySchema, ...denied },
      },
    },
    async (request) => deviceCommands.get(sessionOf(request), request.params.commandId),
  );
};
