import type { WebhookDelivery } from './webhook-receiver.js';

// What the chaos tests require of notifications: at least once, and a second delivery only as a resend of the same
// notification (the same idempotency key), which the receiver drops. Two keys for one alert's notice would be two
// notifications: the family told twice.

export interface NoticeTally {
  /** Alerts whose notice arrived at least once. */
  notified: number;
  /** Alerts whose notice never arrived. */
  lost: string[];
  deliveries: number;
  /** Deliveries beyond the first of the same key: a crash between the POST and its mark. */
  resentWithSameKey: number;
  violations: string[];
}

export function tallyNotices(deliveries: readonly WebhookDelivery[], topic: string, alertIds: readonly string[]): NoticeTally {
  const tally: NoticeTally = { notified: 0, lost: [], deliveries: 0, resentWithSameKey: 0, violations: [] };
  for (const alertId of alertIds) {
    const mine = deliveries.filter((d) => d.notification.topic === topic && d.notification.alertId === alertId);
    if (mine.length === 0) {
      tally.lost.push(alertId);
      tally.violations.push(`alert ${alertId}: no ${topic} notice arrived (lost)`);
      continue;
    }
    tally.notified += 1;
    tally.deliveries += mine.length;
    const keys = new Set(mine.map((d) => d.idempotencyKey));
    tally.resentWithSameKey += mine.length - keys.size;
    if (keys.size > 1) tally.violations.push(`alert ${alertId}: ${keys.size} different ${topic} notices (${[...keys].join(', ')}): told twice`);
    for (const d of mine) {
      if (d.idempotencyKey === null || d.idempotencyKey !== d.notification.id) {
        tally.violations.push(`alert ${alertId}: a ${topic} notice with idempotency key ${String(d.idempotencyKey)} and id ${d.notification.id}`);
      }
    }
  }
  return tally;
}

/** Waits until every alert's notice has arrived, or the time is up (the tally then names the lost ones). */
export async function waitForNotices(deliveries: readonly WebhookDelivery[], topic: string, alertIds: readonly string[], timeoutMs: number): Promise<NoticeTally> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const tally = tallyNotices(deliveries, topic, alertIds);
    if (tally.lost.length === 0 || Date.now() > until) return tally;
    await new Promise((r) => setTimeout(r, 100));
  }
}
