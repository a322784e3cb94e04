import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ackBodySchema,
  alertDetailSchema,
  alertIdParamsSchema,
  alertListQuerySchema,
  alertListReplySchema,
  alertViewSchema,
  errorReplySchema,
  resolveBodySchema,
} from '../../../../../schemas/index.js';
import type { AlertActions } from '../../../app/alert-actions.js';
import { sessionOf } from '../authenticate.js';

const transitionReplies = { 200: alertViewSchema, 400: errorReplySchema, 401: errorReplySchema, 404: errorReplySchema, 409: errorReplySchema };

export const alertRoutes: FastifyPluginAsyncZod<{ alerts: AlertActions }> = async (app, { alerts }) => {
  app.get(
    '/alerts',
    {
      schema: {
        tags: ['alerts'],
        summary: 'Alerts by status, most urgent first (status=open: raised or acknowledged)',
        querystring: alertListQuerySchema,
        response: { 200: alertListReplySchema, 400: errorReplySchema, 401: errorReplySchema },
      },
    },
    async (request) => ({ items: await alerts.list(request.query.status, request.query.limit) }),
  );

  app.get(
    '/alerts/:id',
    {
      schema: {
        tags: ['alerts'],
        summary: 'One alert with its timeline (who did what, when)',
        params: alertIdParamsSchema,
        response: { 200: alertDetailSchema, 401: errorReplySchema, 404: errorReplySchema },
      },
    },
    async (request) => alerts.get(request.params.id),
  );

  app.post(
    '/alerts/:id/ack',
    {
      schema: { tags: ['alerts'], summary: 'Acknowledge a raised alert', params: alertIdParamsSchema, body: ackBodySchema, response: transitionReplies },
    },
    async (request) => alerts.acknowledge(request.params.id, sessionOf(request), request.body?.note ?? null),
  );

  app.post(
    '/alerts/:id/resolve',
    {
      schema: { tags: ['alerts'], summary: 'Resolve an alert, with an optional note', params: alertIdParamsSchema, body: resolveBodySchema, response: transitionReplies },
    },
    async (request) => alerts.resolve(request.params.id, sessionOf(request), request.body?.note ?? null),
  );
};
