import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorReplySchema, statusWallSchema } from '../../../../../schemas/index.js';
import type { StatusWallService } from '../../../app/alerts/status-wall.service.js';
import { sessionOf } from '../authenticate.js';

// The duty desk's status wall: one request for every home of the region, then live `device.status` events.

export const statusWallRoutes: FastifyPluginAsyncZod<{ statusWall: StatusWallService }> = async (app, { statusWall }) => {
  app.get(
    '/status-wall',
    {
      // 20,000 homes are about 6 MB of JSON: gzipped when the browser accepts it (http-app.ts registers compression)
      compress: {},
      schema: {
        tags: ['devices'],
        summary: "Every home and room of your region with its devices' presence (online, battery, last seen), for the status wall",
        response: { 200: statusWallSchema, 401: errorReplySchema, 403: errorReplySchema },
      },
    },
    async (request) => statusWall.wall(sessionOf(request)),
  );
};
