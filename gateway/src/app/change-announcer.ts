import type { Logger } from 'pino';
import type { LiveEvents } from './live-events.port.js';
import type { Metrics } from './metrics.js';
import type { CommitBatch, Store } from './store.port.js';
import { toAlertView, toTaskView } from './views.js';

// After a commit: count it, log it, and tell the desks what changed (alerts and tasks as the API shows them).

export function createChangeAnnouncer(deps: { store: Store; live: LiveEvents; metrics: Metrics; logger: Logger }) {
  const { store, live, metrics } = deps;
  const logger = deps.logger.child({ module: 'rules' });

  return async function announce(elderId: string, regionId: string, batch: CommitBatch): Promise<void> {
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
      const stored = await store.getAlert(alert.id);
      if (stored) live.publish({ type: w.kind === 'insert' ? 'alert.raised' : 'alert.updated', alert: toAlertView(stored) });
      if (stored && entry.action === 'escalated') {
        live.publish({ type: 'alert.escalated', alertId: alert.id, regionId: stored.elder.regionId, level: alert.escalationLevel });
      }
    }
    for (const t of batch.tasks) {
      metrics.tasksCreated.inc({ kind: t.kind, reason: t.reason });
      logger.info({ taskId: t.id, kind: t.kind, reason: t.reason, deviceId: t.deviceId }, 'task created');
      const stored = await store.getTask(t.id);
      if (stored) live.publish({ type: 'task.created', task: toTaskView(stored) });
    }
    for (const u of batch.taskUpdates) {
      logger.info({ taskId: u.task.id, from: u.expectedStatus, to: u.task.status }, 'task changed');
      const stored = await store.getTask(u.task.id);
      if (stored) live.publish({ type: 'task.updated', task: toTaskView(stored) });
    }
    for (const p of batch.presence) {
      live.publish({
        type: 'device.status',
        device: { deviceId: p.deviceId, elderId, regionId, online: p.online, battery: p.battery, lastSeenAt: new Date(p.lastSeenAt).toISOString() },
      });
    }
  };
}
