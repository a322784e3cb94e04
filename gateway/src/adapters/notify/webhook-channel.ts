import type { Logger } from 'pino';
import type { NotificationChannel, OutboundNotification } from '../../app/notifier.port.js';

// Notifications POSTed as JSON to the centre's gateway (SMS, voice call, WeChat work). A few attempts with backoff;
// a notification that still fails is logged (without personal data) and counted, never thrown into the alarm path.

export interface WebhookOptions {
  url: string;
  timeoutMs?: number;
  attempts?: number;
  backoffMs?: number;
}

export function createWebhookChannel(options: WebhookOptions, logger: Logger): NotificationChannel {
  const log = logger.child({ module: 'notify-webhook' });
  const attempts = options.attempts ?? 3;
  const timeoutMs = options.timeoutMs ?? 5000;
  const backoffMs = options.backoffMs ?? 500;

  return {
    name: 'webhook',
    async send(n: OutboundNotification) {
      for (let attempt = 1; attempt <= attempts; attempt++) {
        try {
          const response = await fetch(options.url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'idempotency-key': n.id },
            body: JSON.stringify(n),
            signal: AbortSignal.timeout(timeoutMs),
          });
          if (response.ok) return 'delivered';
          log.warn({ notificationId: n.id, status: response.status, attempt }, 'webhook refused the notification');
          // A 4xx will not get better by resending.
          if (response.status < 500) return 'failed';
        } catch (err) {
          log.warn({ notificationId: n.id, attempt, err: (err as Error).message }, 'webhook not reached');
        }
        if (attempt < attempts) await new Promise((r) => setTimeout(r, backoffMs * 2 ** (attempt - 1)));
      }
      log.error({ notificationId: n.id, topic: n.topic }, 'notification not delivered');
      return 'failed';
    },
  };
}
