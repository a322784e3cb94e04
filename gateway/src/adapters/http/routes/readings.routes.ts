import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { deviceIdParamsSchema, elderIdParamsSchema, errorReplySchema, readingsQuerySchema, readingsReplySchema } from '../../../../../schemas/index.js';
import type { ReadingsService } from '../../../app/telemetry/readings.service.js';
import { sessionOf } from '../authenticate.js';

// Recent readings for the desk's charts, from the gateway's recent window (the last hours; older history lives in
// InfluxDB when it is configured).

const replies = { 200: readingsReplySchema, 400: errorReplySchema, 401: errorReplySchema, 403: errorReplySchema, 404: errorReplySchema };

export const readingsRoutes: FastifyPluginAsyncZod<{ readings: ReadingsService }> = async (app, { readings }) => {
  app.get(
    '/devices/:id/readings',
    {
      schema: {
        tags: ['telemetry'],
        summary: "A device's recent readings: raw for the last hour, averaged (with min and max) before that",
        params: deviceIdParamsSchema,
        querystring: readingsQuerySchema,
        response: replies,
      },
    },
    async (request) => readings.deviceReadings(sessionOf(request), request.params.id, request.query),
  );

  app.get(
    '/elders/:id/readings',
    {
      schema: {
        tags: ['telemetry'],
        summary: "Recent readings of every device of the elder, one series per device and metric",
        params: elderIdParamsSchema,
        querystring: readingsQuerySchema,
        response: replies,
      },
    },
    async (request) => readings.elderReadings(sessionOf(request), request.params.id, request.query),
  );
};
