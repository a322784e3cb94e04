import type { Logger } from 'pino';
import type { CareDirectory } from '../directories/care-directory.js';
import type { LiveEvents } from '../ports/live-events.port.js';
import type { DecisionMetrics } from '../ports/metrics.port.js';
import type { Assignee } from '../ports/store/alerts.port.js';
import type { CommitBatch } from '../ports/store/decisions.port.js';
import { toAlertView, toTaskView } from '../views.js';
import type { UserStore } from '../ports/store/users.port.js';

// After a commit: count it, log it, and tell the desks what changed (alerts and tasks as the API shows them), then
// whoever else follows committed changes (`observers`: the devices' feedback), even when telling the desks failed.
// Views are built from what was just committed and the elder's summary in memory: a device's alarm costs no read of
// the store here; only an assignee's name is looked up, and only when there is one (a person's action).

export function createChangeAnnouncer(deps: {
  store: UserStore;
  directory: CareDirectory;
  live: LiveEvents;
  metrics: DecisionMetrics;
  logger: Logger;
  /** Called with every committed batch after the desks were told; each must return at once and never throw. */
  observers?: ReadonlyArray<(batch: CommitBatch) => void>;
}) {
  const { store, directory, live, metrics } = deps;
  const observers = deps.observers ?? [];
  const logger = deps.logger.child({ module: 'rules' });

  async function assignee(userId: string | null): Promise<Assignee | null> {
    if (userId === null) return null;
    const user = await store.getUser(userId);
    return { id: userId, displayName: user?.displayName ?? userId };
  }

  return async function announce(elderId: string, batch: CommitBatch): Promise<void> {
    try {
      await tellDesks(elderId, batch);
    } finally {
      for (const observe of observers) observe(batch);
    }
  };

  async function tellDesks(elderId: string, batch: CommitBatch): Promise<void> {
    const elder = directory.get(elderId)?.summary;
    if (!elder) return;
    const { regionId } = elder;
    for (const w of batch.alerts) {
      const { alert, entry } = w;
      if (w.kind === 'insert') {
        metrics.alertsRaised.inc({ type: alert.type, priority: String(alert.priority) });
        logger.info({ alertId: alert.id, deviceId: alert.deviceId, type: alert.type, test: alert.test }, 'alert raised');
      } else if (entry.action === 'cleared') {
        metrics.alertsCleared.inc({ type: alert.type });
        logger.info({ alertId: alert.id, type: alert.type }, 'alert cleared by the gateway');
      } else {
        logger.info({ alertId: alert.id, action: entry.action, actor: entry.actor }, 'alert changed');
      }
      const view = toAlertView({ ...alert, elder, assignee: await assignee(alert.assigneeId) });
      live.publish({ type: w.kind === 'insert' ? 'alert.raised' : 'alert.updated', alert: view });
      if (entry.action === 'escalated') live.publish({ type: 'alert.escalated', alertId: alert.id, regionId, level: alert.escalationLevel });
    }
    for (const t of batch.tasks) {
      metrics.tasksCreated.inc({ kind: t.kind, reason: t.reason });
      logger.info({ taskId: t.id, kind: t.kind, reason: t.reason, deviceId: t.deviceId }, 'task created');
      live.publish({ type: 'task.created', task: toTaskView({ ...t, elder, assignee: await assignee(t.assigneeId) }) });
    }
    for (const u of batch.taskUpdates) {
      logger.info({ taskId: u.task.id, from: u.expectedStatus, to: u.task.status }, 'task changed');
      live.publish({ type: 'task.updated', task: toTaskView({ ...u.task, elder, assignee: await assignee(u.task.assigneeId) }) });
    }
    for (const p of batch.presence) {
      live.publish({
        type: 'device.status',
        device: { deviceId: p.deviceId, elderId, regionId, online: p.online, battery: p.battery, lastSeenAt: new Date(p.lastSeenAt).toISOString() },
      });
    }
  }
}
