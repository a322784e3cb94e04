import type { Ledger, LedgerQuery } from '../../../../schemas/index.js';
import { ledgerEntries, type LedgerAlert, type LedgerNote, type LedgerTask } from '../../core/ledger/ledger-entries.js';
import { ledgerPeriod } from '../../core/ledger/ledger-period.js';
import { ledgerCsv, ledgerSheets } from '../../core/ledger/ledger-sheets.js';
import { localDay } from '../../core/local-time.js';
import { localDateStamp } from '../../core/reports/local-format.js';
import { DESK_ROLES, requireInScope, requireRole, type Access } from '../access.js';
import type { RegionDirectory } from '../directories/region-directory.js';
import { AppError } from '../errors.js';
import type { AlertStore, AlertWithElder } from '../ports/store/alerts.port.js';
import type { ElderStore } from '../ports/store/elders.port.js';
import type { CallStore } from '../ports/store/phone/calls.port.js';
import type { TaskStore, TaskWithElder } from '../ports/store/tasks.port.js';
import type { UserStore } from '../ports/store/users.port.js';
import { toElderView } from '../views.js';
import { actorNames } from './actor-names.js';

// The ledger (台账) of one elder: the period's alerts, tasks (visits and service requests among them), calls and
// notes, read from the records as they are now (core/ledger/ledger-entries.ts), as JSON or as a file.

/** An elder has a handful of records a month; this caps a mistaken ten-year period, it is no page size. */
const MAX_RECORDS = 5000;
const CLOSED_AT = ['resolvedAt', 'cancelledAt', 'clearedAt'] as const;

export interface LedgerDeps {
  store: AlertStore & TaskStore & CallStore & ElderStore & UserStore;
  regions: RegionDirectory;
  clock: () => number;
  utcOffsetMinutes: number;
}

/** A care visit's mode (when done) and attempt within its period; null for other tasks. */
const visitFields = (task: TaskWithElder): { mode: string | null; attempt: number | null } => ({ mode: task.visitMode, attempt: task.attempt });

function closedAt(alert: AlertWithElder): number | null {
  const times = CLOSED_AT.map((k) => alert[k]).filter((t): t is number => t !== null);
  return times.length > 0 ? Math.min(...times) : null;
}

export function createLedgerService(deps: LedgerDeps) {
  const { store, regions, clock } = deps;

  /** The names of a region path's regions, from the top down. */
  const regionNames = (regionId: string): string[] =>
    (regions.pathOf(regionId) ?? '').split('/').filter(Boolean).map((id) => regions.get(id)?.name ?? id);

  async function ledger(access: Access, elderId: string, query: Pick<LedgerQuery, 'from' | 'to'>): Promise<Ledger> {
    requireRole(access, DESK_ROLES);
    const record = await store.getElder(elderId);
    if (!record) throw new AppError('ELDER_NOT_FOUND');
    const elderPath = regions.pathOf(record.regionId) ?? '';
    requireInScope(access, elderPath);
    const period = ledgerPeriod(query, clock(), deps.utcOffsetMinutes);
    if (!Number.isSafeInteger(period.from) || !Number.isSafeInteger(period.to) || period.to <= period.from) {
      throw new AppError('REQUEST_INVALID', 'the period must end after it starts');
    }
    const [alerts, open, tasks, calls] = await Promise.all([
      store.listAlerts({ statuses: 'all', elderId, raisedFrom: period.from, raisedTo: period.to, limit: MAX_RECORDS }),
      store.findOpenAlerts(elderId),
      store.listTasks({ statuses: 'all', elderId, limit: MAX_RECORDS }),
      store.listCalls({ regionPath: elderPath, elderId, from: period.from, to: period.to, limit: MAX_RECORDS }),
    ]);
    // Notes are written on alerts of the period and on older alerts still open (a long hold); each alert once.
    const noted = new Map<string, { id: string; type: LedgerNote['alertType'] }>();
    for (const a of [...alerts, ...open]) noted.set(a.id, { id: a.id, type: a.type });
    const timelines = await Promise.all([...noted.values()].map(async (a) => ({ alert: a, timeline: await store.getTimeline(a.id) })));
    const noteLines = timelines.flatMap(({ alert, timeline }) => timeline.filter((t) => t.action === 'noted' && t.note !== null && t.actor.startsWith('user:')).map((t) => ({ alert, t })));
    const names = await actorNames(store, [...noteLines.map((n) => n.t.actor), ...tasks.map((t) => t.completedBy)]);

    const ledgerAlerts: LedgerAlert[] = alerts.map((a) => ({
      id: a.id, type: a.type, status: a.status, raisedAt: a.raisedAt, closedAt: closedAt(a),
      handledBy: a.assignee?.displayName ?? names(a.resolvedBy), resolutionNote: a.resolutionNote,
    }));
    const ledgerTasks: LedgerTask[] = tasks.map((t) => ({
      id: t.id, kind: t.kind, status: t.status, createdAt: t.createdAt, completedAt: t.completedAt, outcome: t.outcome,
      handledBy: t.assignee?.displayName ?? names(t.completedBy), note: t.note, ...visitFields(t),
    }));
    const entries = ledgerEntries(
      {
        alerts: ledgerAlerts,
        tasks: ledgerTasks,
        calls: calls.map((c) => ({ id: c.id, category: c.category, direction: c.direction, startedAt: c.startedAt, endedAt: c.endedAt, outcome: c.outcome, operatorName: c.operatorName, note: c.note })),
        notes: noteLines.map(({ alert, t }) => ({ alertId: alert.id, alertType: alert.type, at: t.at, author: names(t.actor) ?? t.actor, note: t.note ?? '' })),
      },
      period,
    );
    const view = toElderView(record, localDay(clock(), deps.utcOffsetMinutes));
    const guardian = record.contacts.find((c) => c.guardian === true);
    return {
      elder: {
        id: view.id, name: view.name, idNumberMasked: view.idNumberMasked, sex: view.sex, age: view.age, veryOld: view.veryOld,
        groups: view.groups, address: view.address, phone: view.phone, regionNames: regionNames(record.regionId),
        assessment: view.assessment, consent: view.consent, guardian: guardian ? { name: guardian.name, phone: guardian.phone } : null,
      },
      from: new Date(period.from).toISOString(),
      to: new Date(period.to).toISOString(),
      entries,
    };
  }

  return {
    ledger,
    /** 台账-<name>-<first local day>, for the download's file name (ASCII-safe: the route encodes it). */
    fileName: (l: Ledger): string => `台账-${l.elder.name}-${localDateStamp(Date.parse(l.from), deps.utcOffsetMinutes)}`,
    csv: (l: Ledger): string => ledgerCsv(l, deps.utcOffsetMinutes),
    /** The tables of the XLSX download, which the HTTP adapter writes as a workbook. */
    sheets: (l: Ledger) => ledgerSheets(l, deps.utcOffsetMinutes),
  };
}

export type LedgerService = ReturnType<typeof createLedgerService>;
