import { isUtf8 } from 'node:buffer';
import { parseDeviceMessage, type DeviceChannel, type DeviceMessage } from '../../../../schemas/index.js';
import type { DeviceRegistry, RegisteredDevice } from '../directories/device-registry.js';
import type { Salvage } from './decide-on-message.js';
import { salvageLifeSafetyEvent, type createDerivedIds } from './life-safety-salvage.js';

// The first step of the ingest path (ingest-device-message.ts): a PUBLISH read as far as the schema of its device's
// kind, or the reason it cannot be, with a life-safety event salvaged rather than refused when only its envelope or
// an extra field is wrong (life-safety-salvage.ts). No store, no rules: what it returns decides what happens next.

export interface InboundMessage {
  deviceId: string;
  channel: DeviceChannel;
  topic: string;
  payload: Buffer;
  /**
   * True for a PUBLISH of a connected client, false for its last will (published by the broker after the connection
   * ended); undefined when the broker cannot tell (an external broker). An `offline` is taken only as the will.
   */
  fromLiveClient?: boolean;
}

export type RejectReason =
  | 'unknown_device'
  | 'payload_too_large'
  | 'payload_not_utf8'
  | 'payload_not_json'
  | 'payload_invalid'
  | 'channel_not_for_kind'
  /** `offline` published by a connected device: it is the last will only (docs/device-protocol.md, 5.1). */
  | 'offline_not_will'
  /** A msgId the device already used for a message of another type (docs/device-protocol.md, section 8). */
  | 'duplicate_msg_id_other_type'
  | 'rate_limited';

export type IngestOutcome =
  | { result: 'applied' }
  | { result: 'duplicate' }
  /** An over-rate life-safety repeat of an open alert, merged without a write; `flooding` as for a refusal. */
  | { result: 'merged'; flooding: boolean }
  | { result: 'rejected'; reason: Exclude<RejectReason, 'rate_limited'> }
  /** `flooding`: the device keeps sending over its rate; the broker adapter disconnects it. */
  | { result: 'rejected'; reason: 'rate_limited'; flooding: boolean };

/** A message read as far as its device's schema, or why it cannot be. */
export type ReadMessage =
  | { ok: true; device: RegisteredDevice; message: DeviceMessage; text: string; salvage?: Salvage }
  | { ok: false; reason: Exclude<RejectReason, 'rate_limited'>; detail?: string; device?: RegisteredDevice };

export function createMessageReader(deps: { registry: DeviceRegistry; maxPayloadBytes: number; derivedIds: ReturnType<typeof createDerivedIds> }) {
  const { registry, derivedIds } = deps;
  return function read(msg: InboundMessage, now: number): ReadMessage {
    const device = registry.get(msg.deviceId);
    if (!device) return { ok: false, reason: 'unknown_device' };
    if (msg.payload.length > deps.maxPayloadBytes) return { ok: false, reason: 'payload_too_large', device };
    if (!isUtf8(msg.payload)) return { ok: false, reason: 'payload_not_utf8', device };
    const text = msg.payload.toString('utf8');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return { ok: false, reason: 'payload_not_json', device };
    }
    const parsed = parseDeviceMessage(device.kind, msg.channel, json);
    if (parsed.ok) {
      // The broker publishes the last will after the connection ended; a live device that says it is offline is wrong.
      if (parsed.message.payload.type === 'offline' && msg.fromLiveClient === true) {
        return { ok: false, reason: 'offline_not_will', detail: 'offline is the last will only; it was published by a connected client', device };
      }
      return { ok: true, device, message: parsed.message, text };
    }
    // Only now, off the path of valid messages: a life-safety event is salvaged rather than dropped.
    if (parsed.reason === 'payload_invalid' && msg.channel === 'events') {
      const salvaged = salvageLifeSafetyEvent(device.kind, json, text, now, (source) => derivedIds(device.id, source, now));
      if (salvaged) return { ok: true, device, message: salvaged.message, text, salvage: { defects: salvaged.defects, detail: parsed.detail } };
    }
    return { ok: false, reason: parsed.reason, detail: parsed.detail, device };
  };
}
