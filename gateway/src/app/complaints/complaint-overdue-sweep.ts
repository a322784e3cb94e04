import type { Logger } from 'pino';
import { SYSTEM_ACTOR } from '../../core/alerts/alert.js';
import { isComplaintOverdue } from '../../core/calls/complaint-deadline.js';
import type { LiveEvents } from '../ports/live-events.port.js';
import type { TelephoneMetrics } from '../ports/metrics.port.js';
import type { AuditStore } from '../ports/store/audit.port.js';
import type { ComplaintStore } from '../ports/store/phone/complaints.port.js';
import { startSerialTicker } from '../serial-ticker.js';

// The supervisors hear of a complaint left unclosed past its handling deadline: at start and then every
// `everyMs`, each such complaint is flagged in the store (once: the flag is set only while it is still unset, so
// two instances on one PostgreSQL, or a restart, never tell twice), announced as `complaint.overdue` to the desks
// of its region and counted. The deadline itself is data (dueAt), so complaints that fell due while the gateway
// was down are flagged at the first run after start.

const BATCH = 200;

export function startComplaintOverdueSweep(deps: {
  store: ComplaintStore & AuditStore;
  live: LiveEvents;
  metrics: Pick<TelephoneMetrics, 'complaintsOverdue'>;
  clock: () => number;
  everyMs: number;
  logger: Logger;
}) {
  const { store, live, metrics, clock } = deps;
  const logger = deps.logger.child({ module: 'complaint-overdue' });

  async function sweep(): Promise<void> {
    // A full batch may hide more: take the next one in the same run rather than waiting a whole interval.
    for (;;) {
      const now = clock();
      const due = (await store.dueUnflaggedComplaints(now, BATCH)).filter((c) => isComplaintOverdue(c, now));
      for (const complaint of due) {
        if (!(await store.flagComplaintOverdue(complaint.id, now))) continue;
        const dueAt = new Date(complaint.dueAt).toISOString();
        live.publish({ type: 'complaint.overdue', complaintId: complaint.id, regionId: complaint.regionId, dueAt });
        metrics.complaintsOverdue.inc();
        await store.appendAudit({ at: now, actor: SYSTEM_ACTOR, action: 'overdue', entityType: 'complaint', entityId: complaint.id, detail: { dueAt } });
        logger.info({ complaintId: complaint.id, regionId: complaint.regionId }, 'complaint overdue; supervisors told');
      }
      if (due.length < BATCH) return;
    }
  }

  const ticker = startSerialTicker(sweep, deps.everyMs, (err) => logger.error({ err }, 'overdue complaints not checked; retried next time'));
  return {
    /** Checks now (tests; after the clock moved). */
    runOnce: ticker.runOnce,
    stop: ticker.stop,
  };
}

export type ComplaintOverdueSweep = ReturnType<typeof startComplaintOverdueSweep>;
