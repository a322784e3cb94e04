import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { activityQuerySchema, activityReplySchema, elderIdParamsSchema, errorReplySchema } from '../../../../../schemas/index.js';
import type { ActivityService } from '../../../app/activity/activity.service.js';
import { sessionOf } from '../authenticate.js';

// A home's daily activity for the desk's trend chart (activity-trend.rule.ts says what is judged from it).

export const activityRoutes: FastifyPluginAsyncZod<{ activity: ActivityService }> = async (app, { activity }) => {
  app.get(
    '/elders/:id/activity',
    {
      schema: {
        tags: ['elders'],
        summary: "The home's daily activity (motion, door, time in bed, steps) for the last days, with the baseline the trend rule compares with",
        params: elderIdParamsSchema,
        querystring: activityQuerySchema,
        response: { 200: activityReplySchema, 400: errorReplySchema, 401: errorReplySchema, 403: errorReplySchema, 404: errorReplySchema },
      },
    },
    async (request) => activity.trend(sessionOf(request), request.params.id, request.query.days),
  );
};
