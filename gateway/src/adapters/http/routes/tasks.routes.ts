import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  assignTaskBodySchema,
  cancelTaskBodySchema,
  completeTaskBodySchema,
  createServiceRequestBodySchema,
  declineBodySchema,
  errorReplySchema,
  taskIdParamsSchema,
  taskListQuerySchema,
  taskListReplySchema,
  taskViewSchema,
} from '../../../../../schemas/index.js';
import type { TaskService } from '../../../app/tasks/task.service.js';
import { sessionOf } from '../authenticate.js';

// Visits, maintenance and service requests: one loop, open → assigned → accepted → done (or cancelled).

const replies = { 200: taskViewSchema, 400: errorReplySchema, 401: errorReplySchema, 403: errorReplySchema, 404: errorReplySchema, 409: errorReplySchema };
const tags = ['tasks'];

export const taskRoutes: FastifyPluginAsyncZod<{ tasks: TaskService }> = async (app, { tasks }) => {
  app.get(
    '/tasks',
    {
      schema: {
        tags,
        summary: 'Tasks of your region by status, newest first, a page at a time (open: open, assigned, accepted); mine=true: assigned to you; elderId: of one elder only',
        querystring: taskListQuerySchema,
        response: { 200: taskListReplySchema, 400: errorReplySchema, 401: errorReplySchema },
      },
    },
    async (request) => tasks.list(sessionOf(request), request.query),
  );

  app.get(
    '/tasks/:id',
    { schema: { tags, summary: 'One task', params: taskIdParamsSchema, response: { 200: taskViewSchema, 401: errorReplySchema, 403: errorReplySchema, 404: errorReplySchema } } },
    async (request) => tasks.get(sessionOf(request), request.params.id),
  );

  app.post(
    '/tasks/:id/assign',
    { schema: { tags, summary: 'Assign to a responder of your region', params: taskIdParamsSchema, body: assignTaskBodySchema, response: replies } },
    async (request) => tasks.assign(sessionOf(request), request.params.id, request.body.responderId),
  );
  app.post('/tasks/:id/accept', { schema: { tags, summary: 'The responder takes the task', params: taskIdParamsSchema, response: replies } }, async (request) =>
    tasks.accept(sessionOf(request), request.params.id),
  );
  app.post(
    '/tasks/:id/decline',
    { schema: { tags, summary: 'The responder cannot do it; back to open', params: taskIdParamsSchema, body: declineBodySchema, response: replies } },
    async (request) => tasks.decline(sessionOf(request), request.params.id, request.body?.reason ?? null),
  );
  app.post(
    '/tasks/:id/complete',
    { schema: { tags, summary: 'Done, with an outcome and an optional note; a care visit done as visited, not_home or refused also with its mode (door, phone, video)', params: taskIdParamsSchema, body: completeTaskBodySchema, response: replies } },
    async (request) => tasks.complete(sessionOf(request), request.params.id, request.body.outcome, request.body.note ?? null, request.body.mode ?? null),
  );
  app.post(
    '/tasks/:id/retry',
    {
      schema: {
        tags,
        summary: 'A care visit done as not_home or refused, or visited in a way that does not count: a new attempt in the same period (desk roles)',
        params: taskIdParamsSchema,
        response: replies,
      },
    },
    async (request) => tasks.retry(sessionOf(request), request.params.id),
  );
  app.post(
    '/tasks/:id/cancel',
    { schema: { tags, summary: 'Cancel with a reason', params: taskIdParamsSchema, body: cancelTaskBodySchema, response: replies } },
    async (request) => tasks.cancel(sessionOf(request), request.params.id, request.body.reason),
  );
  app.post(
    '/tasks/:id/close-cleared',
    {
      schema: {
        tags,
        summary: 'Close in one step a task whose cause cleared by itself (causeClearedAt set): done, outcome not_needed; 409 while the cause is still there',
        params: taskIdParamsSchema,
        response: replies,
      },
    },
    async (request) => tasks.closeCleared(sessionOf(request), request.params.id),
  );
  app.post(
    '/service-requests',
    {
      schema: {
        tags,
        summary: 'A service request taken by the desk (meals, cleaning, bathing, a ride, a doctor): a service task for the community',
        body: createServiceRequestBodySchema,
        response: { 201: taskViewSchema, 400: errorReplySchema, 401: errorReplySchema, 403: errorReplySchema, 404: errorReplySchema },
      },
    },
    async (request, reply) => reply.status(201).send(await tasks.requestService(sessionOf(request), request.body)),
  );
};
