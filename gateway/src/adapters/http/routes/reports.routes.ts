import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  alarmReportQuerySchema,
  alarmReportSchema,
  callReportQuerySchema,
  callReportSchema,
  errorReplySchema,
  visitCoverageQuerySchema,
  visitCoverageSchema,
} from '../../../../../schemas/index.js';
import { requireInScope, requireRole } from '../../../app/access.js';
import type { ReportService } from '../../../app/reports/report.service.js';
import type { CallReports } from '../../../app/reports/call-report.js';
import { sessionOf } from '../authenticate.js';
import type { AuditStore } from '../../../app/ports/store/audit.port.js';
import type { RegionStore } from '../../../app/ports/store/regions.port.js';

// Reports as JSON or, with format=csv (or xlsx for the alarm report), as a file a supervisor opens in Excel; and the
// audit log.

const csvReply = z.string().describe('text/csv; charset=utf-8, with a BOM');
const xlsxReply = z.instanceof(Buffer).describe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const denied = { 401: errorReplySchema, 403: errorReplySchema };

export const reportRoutes: FastifyPluginAsyncZod<{ reports: ReportService; callReports: CallReports; store: AuditStore & RegionStore }> = async (
  app,
  { reports, callReports, store },
) => {
  app.get(
    '/reports/alarms',
    {
      schema: {
        tags: ['reports'],
        summary:
          'Alarms of a period in a region (desk roles): outcomes that reconcile (raised = resolved + false alarms + cancelled + cleared + open), ' +
          'by type and priority, time to acknowledge (median, p90, share within 60 s, alarms still waiting), to dispatch, accept, arrive and resolve, ' +
          'false-alarm rate, per responder (offers, accepts, declines, expired, time to accept and arrive), follow-up completion, monthly visits by ' +
          'outcome, and a breakdown for every town and community below the region, with names (docs/reports.md). format=csv: one file, Chinese ' +
          'headers, local times; format=xlsx: the same tables as sheets',
        querystring: alarmReportQuerySchema,
        response: { 200: z.union([alarmReportSchema, csvReply, xlsxReply]), 400: errorReplySchema, 404: errorReplySchema, ...denied },
      },
    },
    async (request, reply) => {
      const report = await reports.alarms(sessionOf(request), request.query);
      if (request.query.format === 'json') return report;
      const name = reports.alarmsFileName(report);
      if (request.query.format === 'xlsx') {
        return reply.type(XLSX_TYPE).header('content-disposition', `attachment; filename="${name}.xlsx"`).send(await reports.alarmsXlsx(report));
      }
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}.csv"`).send(reports.alarmsCsv(report));
    },
  );

  app.get(
    '/reports/visit-coverage',
    {
      schema: {
        tags: ['reports'],
        summary: 'Visit coverage (探访覆盖) of a month or quarter: owed elder-periods covered per place at every depth, per group and mode, and the gaps with their reasons',
        querystring: visitCoverageQuerySchema,
        response: { 200: z.union([visitCoverageSchema, csvReply, xlsxReply]), 400: errorReplySchema, 404: errorReplySchema, ...denied },
      },
    },
    async (request, reply) => {
      const coverage = await reports.visitCoverage(sessionOf(request), request.query);
      if (request.query.format === 'json') return coverage;
      const name = `visit-coverage-${coverage.range}`;
      if (request.query.format === 'xlsx') {
        return reply
          .type(XLSX_TYPE)
          .header('content-disposition', `attachment; filename="${name}.xlsx"`)
          .send(await reports.visitCoverageXlsx(coverage));
      }
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}.csv"`)
        .send(reports.visitCoverageCsv(coverage));
    },
  );

  app.get(
    '/reports/calls',
    {
      schema: {
        tags: ['reports'],
        summary: 'Calls per local day by line and category, per town and community; complaints opened, closed, closed in time, overdue (supervisors and admins)',
        querystring: callReportQuerySchema,
        response: { 200: z.union([callReportSchema, csvReply]), 400: errorReplySchema, 404: errorReplySchema, ...denied },
      },
    },
    async (request, reply) => {
      const report = await callReports.report(sessionOf(request), request.query);
      if (request.query.format === 'json') return report;
      return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="call-report.csv"').send(callReports.csv(report));
    },
  );

  app.get(
    '/audit',
    {
      schema: {
        tags: ['reports'],
        summary: 'The audit log, newest first (admins of the county)',
        querystring: z.strictObject({
          entityType: z.enum(['alert', 'task', 'elder', 'device', 'user', 'region', 'session', 'call', 'complaint', 'integration_token', 'visit_policy']).optional(),
          entityId: z.string().max(64).optional(),
          limit: z.coerce.number().int().min(1).max(1000).default(200),
        }),
        response: {
          200: z.object({
            items: z.array(z.object({ at: z.iso.datetime(), actor: z.string(), action: z.string(), entityType: z.string(), entityId: z.string(), detail: z.record(z.string(), z.unknown()) })),
          }),
          400: errorReplySchema,
          ...denied,
        },
      },
    },
    async (request) => {
      // The log spans every region, so only an admin of the whole tree (the county) reads it, not a town's admin.
      const session = sessionOf(request);
      requireRole(session, ['admin']);
      requireInScope(session, (await store.rootRegion()).path);
      const entries = await store.listAudit({
        limit: request.query.limit,
        ...(request.query.entityType ? { entityType: request.query.entityType } : {}),
        ...(request.query.entityId ? { entityId: request.query.entityId } : {}),
      });
      return { items: entries.map((e) => ({ ...e, at: new Date(e.at).toISOString() })) };
    },
  );
};
