import type { Logger } from 'pino';
import type { ElderImportJob, ElderImportQuery } from '../../../../../schemas/index.js';
import { actorOf, DESK_ROLES, requireRole, type Access } from '../../access.js';
import type { CareDirectory } from '../../directories/care-directory.js';
import type { ElderLookupIndex } from '../../directories/elder-lookup-index.js';
import { AppError } from '../../errors.js';
import type { ClusterLink } from '../../ports/cluster.port.js';
import type { AuditStore } from '../../ports/store/audit.port.js';
import type { ElderImportStore } from '../../ports/store/elder-import.port.js';
import { importTemplateCsv, importTemplateXlsx } from './import-template.js';
import { readImportFile, type ImportTable } from './read-import-file.js';
import { checkImportTable, type CheckDeps, type ImportPlan } from './run-import.js';

// Importing a civil-affairs list of elders (issue 21) as a job the desk polls: the file is read when it is posted
// (a wrong format or encoding is the POST's 400), then checked row by row and, unless a dry run, written in one store
// transaction. Jobs live in this instance's memory: a restart loses a running import, and since its write is one
// transaction nothing of it is half-written; the desk polls the instance it posted to (one per deployment, or sticky).

/** Finished jobs are kept this long for the desk to read their report. */
const KEEP_FINISHED_MS = 3600_000;
/** Imports checking or writing at once on this instance: each holds a list and its plan in memory. */
const MAX_RUNNING = 4;

export interface ElderImportDeps extends CheckDeps {
  store: ElderImportStore & AuditStore;
  directory: CareDirectory;
  lookup: ElderLookupIndex;
  cluster: ClusterLink;
  /** Visit tasks for the elders just written, now rather than at the schedule's next run (visit-schedule.ts). */
  scheduleVisits: (elderIds: string[]) => Promise<void>;
  logger: Logger;
}

interface Job extends ElderImportJob {
  userId: string;
  finishedAt: number | null;
}

/** What the desk reads of a job: a copy, without whose it is and when it ended. */
function view(job: Job): ElderImportJob {
  const copy: Partial<Job> = structuredClone(job);
  delete copy.userId;
  delete copy.finishedAt;
  return copy as ElderImportJob;
}

export function createElderImportService(deps: ElderImportDeps) {
  const jobs = new Map<string, Job>();
  const logger = deps.logger.child({ module: 'elder-import' });

  function prune(now: number): void {
    for (const [id, job] of jobs) if (job.finishedAt !== null && now - job.finishedAt > KEEP_FINISHED_MS) jobs.delete(id);
  }

  function finish(job: Job, state: 'done' | 'failed', error: Job['error'] = null): void {
    job.state = state;
    job.error = error;
    job.finishedAt = deps.clock();
  }

  /** Writes the plan in one transaction, then mirrors it where registration does: caches, other instances, audit. */
  async function write(access: Access, job: Job, plan: ImportPlan): Promise<void> {
    await deps.store.importElders({ creates: plan.creates, updates: plan.updates.map(({ id, patch }) => ({ id, patch })) });
    const written = [...plan.creates, ...plan.updates.map((u) => u.record)];
    for (const record of written) {
      deps.directory.putElder(record);
      deps.lookup.put(record);
      deps.cluster.publish({ kind: 'reload', entity: 'elder', id: record.id });
    }
    const { counts } = plan.report;
    await deps.store.appendAudit({
      at: deps.clock(),
      actor: actorOf(access),
      action: 'imported',
      entityType: 'elder',
      entityId: `import:${job.id}`,
      detail: { format: job.format, rows: counts.rows, created: counts.create, updated: counts.update, unchanged: counts.unchanged, bad: counts.bad },
    });
    plan.report.written = true;
    void scheduleVisits(job.id, written.map((e) => e.id));
  }

  /**
   * The visits of the imported elders, made now rather than at the schedule's next run, but after the job ends (the
   * import is stored already). The generator yields to the event loop as it goes (care-visit-generator.ts), so a
   * county's worth does not hold device messages. A failure (the store, or the gateway stopping) is logged: the
   * schedule's next run catches up.
   */
  async function scheduleVisits(importId: string, ids: readonly string[]): Promise<void> {
    try {
      await deps.scheduleVisits([...ids]);
    } catch (err) {
      logger.error({ err, importId }, 'visits for imported elders not scheduled now; the schedule catches up');
    }
  }

  async function run(access: Access, job: Job, table: ImportTable): Promise<void> {
    const plan = await checkImportTable(deps, access, table, (processed) => (job.processed = processed));
    job.report = plan.report;
    if (job.dryRun) return finish(job, 'done');
    if (plan.report.counts.bad > 0 && !job.onlyGoodRows) {
      return finish(job, 'failed', { code: 'IMPORT_ROWS_INVALID', message: `${plan.report.counts.bad} of ${plan.report.counts.rows} rows have problems, so nothing was written` });
    }
    if (plan.creates.length + plan.updates.length > 0) {
      job.state = 'writing';
      await write(access, job, plan);
    }
    logger.info({ importId: job.id, ...plan.report.counts }, 'elders imported');
    finish(job, 'done');
  }

  return {
    /** Reads the file and starts the job; its checks and writes go on after the reply. */
    async start(access: Access, query: ElderImportQuery, bytes: Buffer): Promise<{ id: string }> {
      requireRole(access, DESK_ROLES);
      prune(deps.clock());
      if ([...jobs.values()].filter((j) => j.finishedAt === null).length >= MAX_RUNNING) throw new AppError('IMPORT_BUSY');
      const table = await readImportFile(bytes);
      const job: Job = {
        id: deps.newId(),
        state: 'checking',
        dryRun: query.dryRun,
        onlyGoodRows: query.onlyGoodRows,
        format: table.format,
        encoding: table.encoding,
        sheet: table.sheet,
        total: table.rows.length,
        processed: 0,
        report: null,
        error: null,
        createdAt: new Date(deps.clock()).toISOString(),
        userId: access.userId,
        finishedAt: null,
      };
      jobs.set(job.id, job);
      run(access, job, table).catch((err: unknown) => {
        // A store failure: the transaction rolled back, so nothing of the import is written.
        logger.error({ err, importId: job.id }, 'import failed');
        finish(job, 'failed', err instanceof AppError ? { code: err.code, message: err.message } : { code: 'INTERNAL', message: 'the import failed and wrote nothing; try again' });
      });
      return { id: job.id };
    },

    /** A job of the caller's own: its state, progress and report. */
    get(access: Access, id: string): ElderImportJob {
      requireRole(access, DESK_ROLES);
      const job = jobs.get(id);
      if (!job || job.userId !== access.userId) throw new AppError('IMPORT_NOT_FOUND');
      return view(job);
    },

    async template(access: Access, format: 'csv' | 'xlsx'): Promise<Buffer> {
      requireRole(access, DESK_ROLES);
      return format === 'csv' ? importTemplateCsv() : importTemplateXlsx();
    },
  };
}

export type ElderImportService = ReturnType<typeof createElderImportService>;
