import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { elderExportQuerySchema, elderIdParamsSchema, errorReplySchema, ledgerQuerySchema, ledgerSchema } from '../../../../../schemas/index.js';
import type { LedgerService } from '../../../app/ledger/ledger.service.js';
import type { RegistryExport } from '../../../app/ledger/registry-export.js';
import { reportWorkbook } from '../../../app/reports/report-xlsx.js';
import { sessionOf } from '../authenticate.js';

// The ledger (台账) of one elder and the registry (名册) as a whole, as files a county's office files (issue 21).

const csvReply = z.string().describe('text/csv; charset=utf-8, with a BOM');
const xlsxReply = z.instanceof(Buffer).describe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const denied = { 401: errorReplySchema, 403: errorReplySchema };

/** A header carries only Latin-1: the Chinese name goes in filename* (RFC 6266, 5987), an ASCII one in filename. */
const attachment = (asciiName: string, name: string, ext: string): string =>
  `attachment; filename="${asciiName}.${ext}"; filename*=UTF-8''${encodeURIComponent(`${name}.${ext}`)}`;

export const ledgerRoutes: FastifyPluginAsyncZod<{ ledger: LedgerService; registryExport: RegistryExport }> = async (app, { ledger, registryExport }) => {
  app.get(
    '/elders/export',
    {
      schema: {
        tags: ['elders'],
        summary:
          'The registry of your region as a file (desk roles), one row per elder under the import\'s template headers, ID numbers in full; ' +
          'the filters of GET /elders; format=csv (UTF-8 with a BOM) or xlsx. Audited: who, how many',
        querystring: elderExportQuerySchema,
        response: { 200: z.union([csvReply, xlsxReply]), 400: errorReplySchema, 404: errorReplySchema, ...denied },
      },
    },
    async (request, reply) => {
      const file = await registryExport.export(sessionOf(request), request.query);
      const disposition = attachment('registry', file.fileName, request.query.format);
      if (file.sheet !== null) {
        const workbook = await reportWorkbook([file.sheet], { title: '老年人名册', created: new Date() });
        return reply.type(XLSX_TYPE).header('content-disposition', disposition).send(workbook);
      }
      return reply.type('text/csv; charset=utf-8').header('content-disposition', disposition).send(file.csv ?? '');
    },
  );

  app.get(
    '/elders/:id/ledger',
    {
      schema: {
        tags: ['elders'],
        summary:
          "The elder's ledger (台账) for a period (from, to: local dates, to included, or epoch ms; default this month): every alert, visit, " +
          'service request, other task, call and note, oldest first, with the record summary. format=csv|xlsx: Chinese headers, local times, names',
        params: elderIdParamsSchema,
        querystring: ledgerQuerySchema,
        response: { 200: z.union([ledgerSchema, csvReply, xlsxReply]), 400: errorReplySchema, 404: errorReplySchema, ...denied },
      },
    },
    async (request, reply) => {
      const result = await ledger.ledger(sessionOf(request), request.params.id, request.query);
      const format = request.query.format;
      if (format === 'json') return result;
      const disposition = attachment(`ledger-${result.elder.id}`, ledger.fileName(result), format);
      if (format === 'xlsx') {
        const workbook = await reportWorkbook(ledger.sheets(result), { title: `台账 ${result.elder.name}`, created: new Date() });
        return reply.type(XLSX_TYPE).header('content-disposition', disposition).send(workbook);
      }
      return reply.type('text/csv; charset=utf-8').header('content-disposition', disposition).send(ledger.csv(result));
    },
  );
};
