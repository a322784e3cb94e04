import type { Logger } from 'pino';
import { feedbackOfChange, type FeedbackMessage } from '../../core/device-feedback/feedback-of-change.js';
import type { DeviceFeedbackMetrics } from '../ports/metrics.port.js';
import type { CommitBatch } from '../ports/store/decisions.port.js';
import type { DeviceCommandPublisher } from '../ports/device-command-publisher.port.js';

// Tells the devices that raised a life-safety alarm what became of it ("help is coming", issue 22), after the change
// is committed and never on the alarm's path: the sending happens after the caller has returned, and a failure is
// logged and counted, never thrown. Only the instance that committed a change sees its batch, so with several
// instances exactly one of them sends each message (they share one external broker, docs/scale-out.md).

export function createDeviceFeedback(deps: { metrics: DeviceFeedbackMetrics; clock: () => number; logger: Logger }) {
  const { metrics, clock } = deps;
  const logger = deps.logger.child({ module: 'device-feedback' });
  let publisher: DeviceCommandPublisher | null = null;

  function send(message: FeedbackMessage): void {
    const { deviceId, feedback } = message;
    const count = (outcome: 'sent' | 'failed' | 'no_broker') => metrics.deviceFeedback.inc({ type: feedback.type, outcome });
    if (!publisher) {
      // The broker is not up yet, or already closed: the device hears nothing this time; its alarm is not affected.
      count('no_broker');
      logger.warn({ deviceId, alertId: feedback.alertId, type: feedback.type }, 'device feedback not sent: no broker');
      return;
    }
    publisher.publish(deviceId, JSON.stringify(feedback)).then(
      () => count('sent'),
      (err: unknown) => {
        count('failed');
        logger.warn({ err, deviceId, alertId: feedback.alertId, type: feedback.type }, 'device feedback not sent');
      },
    );
  }

  return {
    /** The broker to publish through, once it runs; returns the detach for its close. */
    attach(next: DeviceCommandPublisher): () => void {
      publisher = next;
      return () => {
        if (publisher === next) publisher = null;
      };
    },
    /** Call after `batch` is committed. Returns at once; the messages go out on a later turn of the event loop. */
    afterCommit(batch: Pick<CommitBatch, 'alerts'>): void {
      if (batch.alerts.length === 0) return;
      const now = clock();
      const messages = batch.alerts.flatMap((w) => feedbackOfChange({ kind: w.kind, alert: w.alert, entry: w.entry }, now));
      if (messages.length === 0) return;
      setImmediate(() => {
        for (const message of messages) {
          try {
            send(message);
          } catch (err) {
            metrics.deviceFeedback.inc({ type: message.feedback.type, outcome: 'failed' });
            logger.warn({ err, deviceId: message.deviceId }, 'device feedback not sent');
          }
        }
      });
    },
  };
}

export type DeviceFeedbackSender = ReturnType<typeof createDeviceFeedback>;
