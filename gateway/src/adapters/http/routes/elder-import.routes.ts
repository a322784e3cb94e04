import type { FastifyError } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  elderImportIdParamsSchema,
  elderImportJobSchema,
  elderImportQuerySchema,
  elderImportStartedSchema,
  errorReplySchema,
} from '../../../../../schemas/index.js';
import { AppError } from '../../../app/errors.js';
import type { ElderImportService } from '../../../app/registry/import/elder-import.service.js';
import { sessionOf } from '../authenticate.js';

// Importing a civil-affairs list of elders (CSV or XLSX) as a job, its progress and report, and the template. The
// file is the raw request body; this plugin alone reads those content types, with a body limit of its own.

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const FILE_TYPES = ['text/csv', XLSX_TYPE, 'application/vnd.ms-excel', 'application/octet-stream'];
/** A county's list of tens of thousands of elders is a few MB; twenty leaves room without inviting abuse. */
const MAX_FILE_BYTES = 20 * 1024 * 1024;

const fileBody = z.instanceof(Buffer).describe(`the file's bytes: ${FILE_TYPES.join(', ')} (the format is read from the bytes)`);
const denied = { 401: errorReplySchema, 403: errorReplySchema };

export const elderImportRoutes: FastifyPluginAsyncZod<{ elderImports: ElderImportService }> = async (app, { elderImports }) => {
  app.addContentTypeParser(FILE_TYPES, { parseAs: 'buffer', bodyLimit: MAX_FILE_BYTES }, (_request, body, done) => done(null, body));
  // fastify's own 413 becomes the import's code; every other error goes on to the one error handler.
  app.setErrorHandler((err: FastifyError) => {
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') throw new AppError('IMPORT_TOO_LARGE');
    throw err;
  });

  app.post(
    '/elder-imports',
    {
      bodyLimit: MAX_FILE_BYTES,
      schema: {
        tags: ['elders'],
        summary:
          'Import elders from a civil-affairs list (CSV in UTF-8 or GBK, or XLSX: the sheet 名册, else the first) as a job: dryRun=true (the ' +
          'default) only checks; otherwise all rows are written in one transaction, or none when a row has a problem, unless onlyGoodRows=true. ' +
          'Idempotent by ID number (身份证号): a second import updates or leaves unchanged. Poll GET /elder-imports/{id}.',
        querystring: elderImportQuerySchema,
        body: fileBody,
        response: { 202: elderImportStartedSchema, 400: errorReplySchema, 413: errorReplySchema, 415: errorReplySchema, 429: errorReplySchema, ...denied },
      },
    },
    async (request, reply) => reply.status(202).send(await elderImports.start(sessionOf(request), request.query, request.body)),
  );

  for (const format of ['csv', 'xlsx'] as const) {
    app.get(
      `/elder-imports/template.${format}`,
      {
        schema: {
          tags: ['elders'],
          summary: `The import's template as ${format.toUpperCase()}: every column under its header (姓名, 身份证号, ...) and one example row`,
          response: { 200: format === 'csv' ? z.instanceof(Buffer).describe('text/csv; charset=utf-8, with a BOM') : z.instanceof(Buffer).describe(XLSX_TYPE), ...denied },
        },
      },
      async (request, reply) =>
        reply
          .type(format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_TYPE)
          .header('content-disposition', `attachment; filename="elder-import-template.${format}"; filename*=UTF-8''${encodeURIComponent(`老人名册模板.${format}`)}`)
          .send(await elderImports.template(sessionOf(request), format)),
    );
  }

  app.get(
    '/elder-imports/:id',
    {
      schema: {
        tags: ['elders'],
        summary: 'An import of yours: state (checking, writing, done, failed), rows checked of total, and the report (counts, row problems, actions)',
        params: elderImportIdParamsSchema,
        response: { 200: elderImportJobSchema, 404: errorReplySchema, ...denied },
      },
    },
    async (request) => elderImports.get(sessionOf(request), request.params.id),
  );
};
