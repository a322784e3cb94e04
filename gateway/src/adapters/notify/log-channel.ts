import type { Logger } from 'pino';
import type { NotificationChannel, OutboundNotification } from '../../app/ports/notifier.port.js';

// The demo's channel: notifications are only logged, without names or phone numbers (personal data stays out of logs).

export function createLogChannel(logger: Logger): NotificationChannel {
  const log = logger.child({ module: 'notify-log' });
  return {
    name: 'log',
    async send(n: OutboundNotification) {
      // `escalationLevel`, not `level`: pino's own level key must not be overwritten.
      const line = { notificationId: n.id, topic: n.topic, alertId: n.alertId, escalationLevel: n.level, recipients: n.recipients.length };
      if (n.topic === 'desk_unwatched' || n.topic === 'alarm_escalated') log.error(line, 'notification (log only)');
      else log.info(line, 'notification (log only)');
      return 'delivered';
    },
  };
}
