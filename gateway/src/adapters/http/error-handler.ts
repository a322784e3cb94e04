import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, ERRORS } from '../../app/errors.js';

// One place turns every error into `{ error: { code, message } }`. 5xx details stay in the log, never the reply.

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError, request, reply) => {
    if (err instanceof AppError) {
      return reply.status(err.status).send({ error: { code: err.code, message: err.message } });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const detail = err.validation.map((v) => `${v.instancePath || '/'} ${v.message ?? ''}`.trim()).join('; ');
      return reply.status(400).send({ error: { code: 'REQUEST_INVALID', message: detail.slice(0, 500) } });
    }
    const status = typeof err.statusCode === 'number' ? err.statusCode : 500;
    if (status < 500) {
      // fastify's own 4xx (bad JSON, wrong content type, body too large): keep its code, which is stable.
      return reply.status(status).send({ error: { code: err.code ?? 'REQUEST_INVALID', message: err.message } });
    }
    request.log.error({ err }, 'request failed');
    return reply.status(500).send({ error: { code: 'INTERNAL', message: ERRORS.INTERNAL.message } });
  });
  app.setNotFoundHandler((_request, reply) =>
    reply.status(404).send({ error: { code: 'ROUTE_NOT_FOUND', message: ERRORS.ROUTE_NOT_FOUND.message } }),
  );
}
