import type { Notification } from '../../core/notification.js';
import type { OutboundNotification, Recipient } from '../ports/notifier.port.js';
import type { RegionDirectory } from '../directories/region-directory.js';
import type { OutboxNotification } from '../ports/store/outbox.port.js';
import type { ElderStore } from '../ports/store/elders.port.js';
import type { UserStore } from '../ports/store/users.port.js';

// Turns what the core asked to be told (a topic and an audience, in roles) into a message with its recipients, when
// the outbox sends it. People are looked up at each attempt, not at the commit: the alarm's commit pays no extra
// reads, and a resend after an outage reaches the contacts the elder's record names by then.

const TOPIC_TEXT: Record<Notification['topic'], string> = {
  alarm_raised: '紧急告警',
  alarm_escalated: '告警未确认，已升级',
  dispatch_offered: '派单通知',
  dispatch_withdrawn: '已改派他人，您无需前往',
  arrival_overdue: '响应人员未按时到达',
  desk_unwatched: '值班台无人值守，有未处理的紧急告警',
  no_movement_after_fall: '跌倒后无活动，老人可能无法起身',
};

export function createNotificationComposer(deps: { store: ElderStore & UserStore; regions: RegionDirectory }) {
  const { store, regions } = deps;

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

  return {
    /** The same `id` and `at` on every attempt: the outbox row's, so that a receiver recognises a resend. */
    async compose(item: OutboxNotification): Promise<OutboundNotification> {
      const n = item.notification;
      const elder = n.elderId ? await store.getElder(n.elderId) : null;
      const elderPath = elder ? (regions.pathOf(elder.regionId) ?? null) : null;
      return {
        id: item.id,
        topic: n.topic,
        at: new Date(item.createdAt).toISOString(),
        alertId: n.alertId,
        alertType: n.alertType,
        priority: n.priority,
        level: n.level ?? null,
        elder: elder ? { id: elder.id, name: elder.name, address: elder.address } : null,
        recipients: await recipientsOf(n, elderPath),
        text: elder ? `【${TOPIC_TEXT[n.topic]}】${elder.name}（${elder.address}）` : `【${TOPIC_TEXT[n.topic]}】`,
      };
    },
  };
}

export type NotificationComposer = ReturnType<typeof createNotificationComposer>;
