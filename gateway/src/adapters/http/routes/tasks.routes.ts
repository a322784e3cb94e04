import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  completeTaskBodySchema,
  errorReplySchema,
  taskIdParamsSchema,
  taskListQuerySchema,
  taskListReplySchema,
  taskViewSchema,
} from '../../../../../schemas/index.js';
import type { TaskActions } from '../../../app/task-actions.js';
import { sessionOf } from '../authenticate.js';

// Maintenance visits and service requests.

export const taskRoutes: FastifyPluginAsyncZod<{ tasks: TaskActions }> = async (app, { tasks }) => {
  app.get(
    '/tasks',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Tasks by status, newest first',
        querystring: taskListQuerySchema,
        response: { 200: taskListReplySchema, 400: errorReplySchema, 401: errorReplySchema },
      },
    },
    async (request) => ({ items: await tasks.list(request.query.status, request.query.limit) }),
  );

  app.get(
    '/tasks/:id',
    { schema: { tags: ['tasks'], summary: 'One task', params: taskIdParamsSchema, response: { 200: taskViewSchema, 401: errorReplySchema, 404: errorReplySchema } } },
    async (request) => tasks.get(request.params.id),
  );

  app.post(
    '/tasks/:id/complete',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Mark a task done, with an optional note',
        params: taskIdParamsSchema,
        body: completeTaskBodySchema,
        response: { 200: taskViewSchema, 400: errorReplySchema, 401: errorReplySchema, 404: errorReplySchema, 409: errorReplySchema },
      },
    },
    async (request) => tasks.complete(request.params.id, sessionOf(request), request.body?.note ?? null),
  );
};
