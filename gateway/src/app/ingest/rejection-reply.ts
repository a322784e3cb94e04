import type { Logger } from 'pino';
import { msgIdSchema, type DeviceChannel } from '../../../../schemas/index.js';
import type { DeviceStore } from '../ports/store/devices.port.js';

// What the ingest needs to tell a device that its message was refused (the `rejected` reply of
// app/device-rejections, docs/device-protocol.md section 7), and to tell a resend from a msgId reused for another type.

/** The part of app/device-rejections the ingest calls: `notice` is worked out only when a reply may go. */
export interface RejectionTeller {
  tell(deviceId: string, reason: string, notice: () => { channel: DeviceChannel; rejectedMsgId: string | null; detail: string | null }): void;
}

/** The payload's msgId when it is JSON with a valid one; null otherwise. Off the path of accepted messages. */
export function msgIdOf(payload: Buffer): string | null {
  try {
    const json: unknown = JSON.parse(payload.toString('utf8'));
    const raw = typeof json === 'object' && json !== null ? (json as Record<string, unknown>)['msgId'] : undefined;
    return msgIdSchema.safeParse(raw).success ? (raw as string) : null;
  } catch {
    return null;
  }
}

/** How far back a duplicate's first use is looked for among the device's stored events. */
const EVENTS_LOOKED_AT = 500;

/**
 * The type of the device's earlier message with this msgId when it differs from `type`; null for a resend (same type)
 * or when the first use is not among the device's latest stored events (a status or telemetry message, or one too
 * old): then it is taken for a resend, as before. Runs only for a duplicate, never for a message that is applied.
 */
export async function otherTypeOfMsgId(
  store: Pick<DeviceStore, 'listDeviceEvents'>,
  deviceId: string,
  msgId: string,
  type: string,
  logger: Logger,
): Promise<string | null> {
  try {
    const events = await store.listDeviceEvents(deviceId, EVENTS_LOOKED_AT);
    const first = events.find((e) => e.msgId === msgId);
    return first && first.type !== type ? first.type : null;
  } catch (err) {
    // A duplicate stays a duplicate when the look-up fails: nothing was applied either way.
    logger.warn({ err, deviceId }, 'duplicate msgId not checked for another type');
    return null;
  }
}
