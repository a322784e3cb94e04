import type { FastifyError } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createDeviceReplySchema,
  deviceIdParamsSchema,
  deviceImportQuerySchema,
  deviceImportReplySchema,
  deviceSchema,
  errorReplySchema,
  moveDeviceBodySchema,
  replaceDeviceBodySchema,
  retireDeviceBodySchema,
} from '../../../../../schemas/index.js';
import type { DeviceLifecycleService } from '../../../app/device-lifecycle/device-lifecycle.service.js';
import type { DeviceImportService } from '../../../app/device-lifecycle/import/device-import.service.js';
import { AppError } from '../../../app/errors.js';
import { sessionOf } from '../authenticate.js';

// A device's life after registration: retire, replace, move; and registering many from a device file (CSV). The
// file is the raw request body; this plugin alone reads text/csv, with a body limit of its own.

const CSV_TYPES = ['text/csv', 'application/csv', 'application/octet-stream'];
/** 5,000 rows of a few short cells each stay well below this. */
const MAX_FILE_BYTES = 2 * 1024 * 1024;

const denied = { 401: errorReplySchema, 403: errorReplySchema };
const fileBody = z.instanceof(Buffer).describe('the CSV file\'s bytes (UTF-8 with or without BOM, or GBK): columns 设备编号 (id), 类型 (kind), 老人编号 (elderId) or 身份证号 (full ID number), 位置 (room), 型号 (model)');

export const deviceLifecycleRoutes: FastifyPluginAsyncZod<{ lifecycle: DeviceLifecycleService; deviceImports: DeviceImportService }> = async (app, { lifecycle, deviceImports }) => {
  await app.register(deviceImportRoutes, { deviceImports });

  app.post(
    '/devices/:id/retire',
    {
      schema: {
        tags: ['devices'],
        summary:
          'Take a device out of service for good: it can no longer connect (its session is ended now), is no longer watched for offline, and its ' +
          'open technical alerts (offline, battery, test signal, not worn) are cleared; its events, alerts and commands stay readable',
        params: deviceIdParamsSchema,
        body: retireDeviceBodySchema,
        response: { 200: deviceSchema, 400: errorReplySchema, 404: errorReplySchema, 409: errorReplySchema, ...denied },
      },
    },
    async (request) => lifecycle.retire(sessionOf(request), request.params.id, request.body),
  );

  app.post(
    '/devices/:id/replace',
    {
      schema: {
        tags: ['devices'],
        summary:
          "New hardware in the device's place: same elder, kind and room; the old one is retired naming its successor, its open technical alerts " +
          'are cleared and its settings (intervals, thresholds) are sent to the new one. The reply holds the new MQTT secret, shown this once',
        params: deviceIdParamsSchema,
        body: replaceDeviceBodySchema,
        response: { 201: createDeviceReplySchema, 400: errorReplySchema, 404: errorReplySchema, 409: errorReplySchema, ...denied },
      },
    },
    async (request, reply) => reply.status(201).send(await lifecycle.replace(sessionOf(request), request.params.id, request.body)),
  );

  app.patch(
    '/devices/:id',
    {
      schema: {
        tags: ['devices'],
        summary: 'Move a device to another elder of your region (elderId) or another place in the home (room; null: none). Open alerts stay with the elder they were raised for',
        params: deviceIdParamsSchema,
        body: moveDeviceBodySchema,
        response: { 200: deviceSchema, 400: errorReplySchema, 404: errorReplySchema, 409: errorReplySchema, ...denied },
      },
    },
    async (request) => lifecycle.move(sessionOf(request), request.params.id, request.body),
  );
};

/** The device file's routes, in a context of their own: only they read CSV bodies and answer a large one as IMPORT_TOO_LARGE. */
const deviceImportRoutes: FastifyPluginAsyncZod<{ deviceImports: DeviceImportService }> = async (app, { deviceImports }) => {
  app.addContentTypeParser(CSV_TYPES, { parseAs: 'buffer', bodyLimit: MAX_FILE_BYTES }, (_request, body, done) => done(null, body));
  // fastify's own 413 becomes the import's code; every other error goes on to the one error handler.
  app.setErrorHandler((err: FastifyError) => {
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') throw new AppError('IMPORT_TOO_LARGE', `a device file may be at most ${MAX_FILE_BYTES / 1024 / 1024} MB`);
    throw err;
  });

  app.post(
    '/device-imports',
    {
      bodyLimit: MAX_FILE_BYTES,
      schema: {
        tags: ['devices'],
        summary:
          'Register devices from a CSV file (at most 5,000 rows): dryRun=true (the default) checks every row; dryRun=false registers all rows in one ' +
          'transaction, or none when a row has a problem (invalidRows > 0, created empty). The secrets are in `created`, shown this once',
        querystring: deviceImportQuerySchema,
        body: fileBody,
        response: { 200: deviceImportReplySchema, 400: errorReplySchema, 409: errorReplySchema, 413: errorReplySchema, 415: errorReplySchema, ...denied },
      },
    },
    async (request) => deviceImports.run(sessionOf(request), request.query, request.body),
  );

  app.get(
    '/device-imports/template.csv',
    {
      schema: {
        tags: ['devices'],
        summary: 'The device file template (CSV, UTF-8 with a BOM): the columns under their Chinese headers and two example rows',
        response: { 200: z.instanceof(Buffer).describe('text/csv; charset=utf-8, with a BOM'), ...denied },
      },
    },
    async (request, reply) =>
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="device-import-template.csv"; filename*=UTF-8''${encodeURIComponent('设备清单模板.csv')}`)
        .send(deviceImports.template(sessionOf(request))),
  );
};
