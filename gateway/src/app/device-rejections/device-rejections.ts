import type { Logger } from 'pino';
import type { DeviceChannel, RejectedMessage } from '../../../../schemas/index.js';
import type { DeviceCommandPublisher } from '../ports/device-command-publisher.port.js';
import type { DeviceRejectionMetrics } from '../ports/metrics.port.js';
import { createRejectionAllowance } from './rejection-allowance.js';

// Tells a device that the gateway could not take a message it sent (issue 22; docs/device-protocol.md, section 7):
// a `rejected` message on its commands topic with the refused msgId and the reason, so that a vendor's firmware
// learns it, not only the desk's bad-messages view. Never on the alarm's path: `tell` returns at once and the
// message goes out on a later turn of the event loop; a failure is counted and logged, never thrown. Rate-limited per
// device (rejection-allowance.ts), and what the reply needs is worked out only when it may go, so a flood of bad
// messages costs one map look-up each.

export interface RejectionNotice {
  channel: DeviceChannel;
  /** The refused message's msgId when it had a valid one. */
  rejectedMsgId: string | null;
  detail: string | null;
}

const DETAIL_MAX = 300;

export function createDeviceRejections(deps: { metrics: DeviceRejectionMetrics; clock: () => number; logger: Logger }) {
  const { metrics, clock } = deps;
  const logger = deps.logger.child({ module: 'device-rejections' });
  const allowance = createRejectionAllowance();
  let publisher: DeviceCommandPublisher | null = null;
  let sequence = 0;

  function publish(deviceId: string, reason: string, notice: RejectionNotice, now: number): void {
    const count = (outcome: 'sent' | 'failed' | 'no_broker') => metrics.deviceRejections.inc({ reason, outcome });
    if (!publisher) {
      count('no_broker');
      return;
    }
    sequence += 1;
    const message: RejectedMessage = {
      msgId: `rejected:${now.toString(36)}:${sequence.toString(36)}`,
      ts: now,
      type: 'rejected',
      rejectedMsgId: notice.rejectedMsgId,
      channel: notice.channel,
      reason,
      detail: notice.detail === null ? null : notice.detail.slice(0, DETAIL_MAX),
    };
    publisher.publish(deviceId, JSON.stringify(message)).then(
      () => count('sent'),
      (err: unknown) => {
        count('failed');
        logger.warn({ err, deviceId, reason }, 'rejected reply not sent');
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
    /**
     * A message of `deviceId` was refused for `reason`. `notice` is called only when a reply may go (not rate-limited);
     * returns at once.
     */
    tell(deviceId: string, reason: string, notice: () => RejectionNotice): void {
      const now = clock();
      if (!allowance.take(deviceId, reason, now)) {
        metrics.deviceRejections.inc({ reason, outcome: 'rate_limited' });
        return;
      }
      setImmediate(() => {
        try {
          publish(deviceId, reason, notice(), now);
        } catch (err) {
          metrics.deviceRejections.inc({ reason, outcome: 'failed' });
          logger.warn({ err, deviceId, reason }, 'rejected reply not sent');
        }
      });
    },
  };
}

export type DeviceRejections = ReturnType<typeof createDeviceRejections>;
