import type { Logger } from 'pino';
import type { Notification } from '../core/notification.js';
import type { Metrics } from './metrics.js';
import type { NotificationChannel, OutboundNotification, Recipient } from './notifier.port.js';
import type { RegionDirectory } from './region-directory.js';
import type { Store } from './store.port.js';

// Turns what the core asked to be told into a message with its recipients, and hands it to the channel. Runs after
// the commit and never blocks the elder's queue: a slow SMS gateway must not delay the next alarm.

const TOPIC_TEXT: Record<Notification['topic'], string> = {
  alarm_raised: '紧急告警',
  alarm_escalated: '告警未确认，已升级',
  dispatch_offered: '派单通知',
  arrival_overdue: '响应人员未按时到达',
  desk_unwatched: '值班台无人值守，有未处理的紧急告警',
};

export function createNotificationService(deps: {
  store: Store;
  regions: RegionDirectory;
  channel: NotificationChannel;
  metrics: Metrics;
  clock: () => number;
  newId: () => string;
  logger: Logger;
}) {
  const { store, regions, channel, metrics } = deps;
  const logger = deps.logger.child({ module: 'notifications' });

  /** Supervisors (and admins) whose region contains the path; for a desk-wide message, all of them. */
  async function supervisorsOver(path: string | null): Promise<Recipient[]> {
    const users = [...(await store.listUsers({ role: 'supervisor' })), ...(await store.listUsers({ role: 'admin' }))];
    return users
      .filter((u) => {
        const own = regions.pathOf(u.regionId);
        return own !== undefined && (path === null || path.startsWith(own));
      })
      .map((u) => ({ name: u.displayName, phone: u.phone, role: u.role }));
  }

  async function recipientsOf(n: Notification, elderPath: string | null): Promise<Recipient[]> {
    switch (n.audience) {
      case 'elder_contacts': {
        const elder = n.elderId ? await store.getElder(n.elderId) : null;
        return (elder?.contacts ?? []).filter((c) => c.notify).map((c) => ({ name: c.name, phone: c.phone, role: c.relation }));
      }
      case 'supervisors':
        return supervisorsOver(elderPath);
      case 'responder': {
        const user = n.responderId ? await store.getUser(n.responderId) : null;
        return user ? [{ name: user.displayName, phone: user.phone, role: 'responder' }] : [];
      }
      case 'desk':
        return [];
    }
  }

  async function deliver(n: Notification): Promise<void> {
    const elder = n.elderId ? await store.getElder(n.elderId) : null;
    const elderPath = elder ? (regions.pathOf(elder.regionId) ?? null) : null;
    const recipients = await recipientsOf(n, elderPath);
    const outbound: OutboundNotification = {
      id: deps.newId(),
      topic: n.topic,
      at: new Date(deps.clock()).toISOString(),
      alertId: n.alertId,
      alertType: n.alertType,
      priority: n.priority,
      level: n.level ?? null,
      elder: elder ? { id: elder.id, name: elder.name, address: elder.address } : null,
      recipients,
      text: elder ? `【${TOPIC_TEXT[n.topic]}】${elder.name}（${elder.address}）` : `【${TOPIC_TEXT[n.topic]}】`,
    };
    const outcome = await channel.send(outbound);
    metrics.notifications.inc({ topic: n.topic, outcome });
  }

  return {
    /** Fire and forget: failures are logged and counted here. */
    notify(n: Notification): void {
      deliver(n).catch((err: unknown) => {
        metrics.notifications.inc({ topic: n.topic, outcome: 'failed' });
        logger.error({ err, topic: n.topic, alertId: n.alertId }, 'notification not sent');
      });
    },
  };
}

export type NotificationService = ReturnType<typeof createNotificationService>;
