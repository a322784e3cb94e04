import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorReplySchema, visitPolicyBodySchema, visitPolicySchema } from '../../../../../schemas/index.js';
import type { VisitPolicyService } from '../../../app/visits/visit-policy.service.js';
import { sessionOf } from '../authenticate.js';

// The visit policy table (探访关爱): how often each group is visited and which ways count.

const tags = ['visits'];

export const visitPolicyRoutes: FastifyPluginAsyncZod<{ visitPolicy: VisitPolicyService }> = async (app, { visitPolicy }) => {
  app.get(
    '/visit-policy',
    {
      schema: {
        tags,
        summary: 'The visit policy: per group (and assessment level) how often elders are visited and which ways count (desk roles)',
        response: { 200: visitPolicySchema, 401: errorReplySchema, 403: errorReplySchema },
      },
    },
    async (request) => visitPolicy.get(sessionOf(request)),
  );
  app.put(
    '/visit-policy',
    {
      schema: {
        tags,
        summary: 'Replace the whole visit policy (admins of the whole county; audited). Tasks already made keep their period and modes',
        body: visitPolicyBodySchema,
        response: { 200: visitPolicySchema, 400: errorReplySchema, 401: errorReplySchema, 403: errorReplySchema },
      },
    },
    async (request) => visitPolicy.replace(sessionOf(request), request.body.rules),
  );
};
