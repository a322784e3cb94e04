import type { FastifyInstance } from 'fastify';
import { AppError } from '../../app/errors.js';

// What a request without a body means. An integrator posts an action (ack, accept, arrive) with no body, with an
// empty body under `content-type: application/json` (what many HTTP clients send by default), or with `{}`: the
// three are the same request and get the same answer.
//   - fastify's own JSON parser refuses an empty body (FST_ERR_CTP_EMPTY_JSON_BODY, its code, not ours); this one
//     reads it as no body and leaves everything else to fastify's parser (same poisoning checks, same limit).
//   - a route that declares no body schema takes none: anything but nothing or `{}` is refused, as unknown fields
//     are refused on the routes that have a body.

/** Methods whose body fastify reads; a route of these without a body schema takes no body. */
const WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function isNothing(body: unknown): boolean {
  if (body === undefined || body === null || body === '') return true;
  return typeof body === 'object' && !Array.isArray(body) && Object.keys(body).length === 0;
}

export function readEmptyBodies(app: FastifyInstance): void {
  const jsonParser = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim().length === 0) {
      done(null, undefined);
      return;
    }
    jsonParser(request, text, done);
  });

  app.addHook('preValidation', async (request) => {
    // An unknown path keeps its 404 whatever it was sent.
    if (request.is404 || !WITH_BODY.has(request.method) || request.routeOptions.schema?.body !== undefined) return;
    if (!isNothing(request.body)) throw new AppError('REQUEST_INVALID', 'this route takes no body');
  });
}
