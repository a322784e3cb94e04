import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { elderLookupQuerySchema, elderLookupReplySchema, errorReplySchema } from '../../../../../../schemas/index.js';
import type { ElderLookupService } from '../../../../app/calls/elder-lookup.service.js';
import { sessionOf } from '../../authenticate.js';

// Finding the caller: one search box for a number (the elder's or a contact's, in any format), a name, an address
// fragment or the last characters of an ID number.

export const elderLookupRoutes: FastifyPluginAsyncZod<{ elderLookup: ElderLookupService }> = async (app, { elderLookup }) => {
  app.get(
    '/elders/lookup',
    {
      schema: {
        tags: ['elders', 'calls'],
        summary: "Elders of your region a number, name, address fragment or ID number's last digits can mean, best match first",
        querystring: elderLookupQuerySchema,
        response: { 200: elderLookupReplySchema, 400: errorReplySchema, 401: errorReplySchema, 403: errorReplySchema },
      },
    },
    async (request) => ({ items: elderLookup.lookup(sessionOf(request), request.query) }),
  );
};
