import { setImmediate as yieldToEvents } from 'node:timers/promises';
import { ELDER_IMPORT_REPORT_LIMIT, maskIdNumber, type ElderImportProblem, type ElderImportReport, type ElderImportRowAction } from '../../../../../schemas/index.js';
import { localDay } from '../../../core/local-time.js';
import { inScope, type Access } from '../../access.js';
import type { RegionDirectory } from '../../directories/region-directory.js';
import type { ElderImportStore, ElderRecordPatch } from '../../ports/store/elder-import.port.js';
import type { ElderRecord } from '../../ports/store/elders.port.js';
import { checkImportRow, type RowOutcome } from './check-import-row.js';
import { createPlaceFinder } from './import-places.js';
import type { ImportTable } from './read-import-file.js';

// Checking every row of a list against the store, a chunk at a time so that the event loop (alarms!) keeps
// running and the job's progress moves, into what to write and the report.

/** Rows checked between two yields to the event loop: a few milliseconds of work. */
const CHUNK_ROWS = 250;

export interface ImportPlan {
  creates: ElderRecord[];
  updates: { id: string; patch: ElderRecordPatch; record: ElderRecord }[];
  report: ElderImportReport;
}

export interface CheckDeps {
  store: ElderImportStore;
  regions: RegionDirectory;
  clock: () => number;
  newId: () => string;
  phoneAreaCode?: string | undefined;
  utcOffsetMinutes: number;
}

/** The ID numbers of the file as the body schema reads them (trimmed, x as X), with those on two rows or more. */
function idNumbersOf(table: ImportTable): { all: string[]; repeated: Set<string> } {
  const at = table.columns.index.idNumber;
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const { cells } of table.rows) {
    const id = at === undefined ? '' : (cells[at] ?? '').trim().toUpperCase();
    if (id === '') continue;
    if (seen.has(id)) repeated.add(id);
    seen.add(id);
  }
  return { all: [...seen], repeated };
}

export async function checkImportTable(deps: CheckDeps, access: Access, table: ImportTable, onProgress: (processed: number) => void): Promise<ImportPlan> {
  const { all, repeated } = idNumbersOf(table);
  const existing = new Map<string, ElderRecord[]>();
  for (const e of await deps.store.findEldersByIdNumbers(all)) {
    if (e.idNumber === null) continue;
    existing.set(e.idNumber, [...(existing.get(e.idNumber) ?? []), e]);
  }
  const ctx = {
    columns: table.columns,
    findPlace: createPlaceFinder(deps.regions, access),
    existing,
    repeated,
    mayChange: (regionId: string) => inScope(access, deps.regions.pathOf(regionId) ?? ''),
    today: localDay(deps.clock(), deps.utcOffsetMinutes),
    phoneAreaCode: deps.phoneAreaCode,
    newId: deps.newId,
    now: deps.clock(),
  };
  const outcomes: RowOutcome[] = [];
  for (let i = 0; i < table.rows.length; i += CHUNK_ROWS) {
    for (const row of table.rows.slice(i, i + CHUNK_ROWS)) outcomes.push(checkImportRow(row, ctx));
    onProgress(outcomes.length);
    await yieldToEvents();
  }
  return planOf(outcomes, deps.regions);
}

function planOf(outcomes: readonly RowOutcome[], regions: RegionDirectory): ImportPlan {
  const plan: ImportPlan = { creates: [], updates: [], report: emptyReport(outcomes.length) };
  const { report } = plan;
  const problems: ElderImportProblem[] = [];
  const actions: ElderImportRowAction[] = [];
  for (const o of outcomes) {
    if (o.action === 'bad') {
      report.counts.bad += 1;
      problems.push(...o.problems);
      continue;
    }
    report.counts[o.action] += 1;
    if (o.action === 'create') plan.creates.push(o.record);
    if (o.action === 'update') plan.updates.push({ id: o.record.id, patch: o.patch, record: o.record });
    const { record } = o;
    actions.push({ row: o.row, action: o.action, name: record.name, idNumberMasked: maskIdNumber(record.idNumber ?? ''), region: regions.get(record.regionId)?.name ?? '' });
  }
  report.problems = problems.slice(0, ELDER_IMPORT_REPORT_LIMIT);
  report.problemsNotShown = Math.max(0, problems.length - ELDER_IMPORT_REPORT_LIMIT);
  // What changes first: a reader looks for the creates and updates, not the unchanged rows.
  const order = { create: 0, update: 1, unchanged: 2 } as const;
  const sorted = actions.sort((a, b) => order[a.action] - order[b.action] || a.row - b.row);
  report.actions = sorted.slice(0, ELDER_IMPORT_REPORT_LIMIT);
  report.actionsNotShown = Math.max(0, sorted.length - ELDER_IMPORT_REPORT_LIMIT);
  return plan;
}

const emptyReport = (rows: number): ElderImportReport => ({
  counts: { rows, create: 0, update: 0, unchanged: 0, bad: 0 },
  problems: [],
  problemsNotShown: 0,
  actions: [],
  actionsNotShown: 0,
  written: false,
});
