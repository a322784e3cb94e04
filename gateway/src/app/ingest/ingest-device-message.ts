import { isUtf8 } from 'node:buffer';
import type { Logger } from 'pino';
import { DEVICE_CHANNELS, parseDeviceMessage, type DeviceChannel, type DeviceMessage } from '../../../../schemas/index.js';
import { createDeviceRateLimit, isLifeSafetyMessage, type DeviceRateLimitSettings } from './device-rate-limit.js';
import type { RegisteredDevice, DeviceRegistry } from '../directories/device-registry.js';
import { createDerivedIds, salvageLifeSafetyEvent } from './life-safety-salvage.js';
import { createMaintenanceFlags } from './maintenance-flags.js';
import { decideOnMessage, type MessageVerdict, type Salvage } from './decide-on-message.js';
import type { DeviceTrafficMetrics } from '../ports/metrics.port.js';
import type { RuleRunner } from '../decisions/rule-runner.js';
import type { TelemetryRecorder } from '../telemetry/telemetry-recorder.js';
import type { DeadLetterStore } from '../ports/store/dead-letters.port.js';

// The ingest path: topic → device → parse with the schema of the device's kind → rules → durable commit → desk.
// `admit` resolves only after the decisions are committed; the MQTT adapter sends the PUBACK after that
// (docs/decisions/0002-acknowledge-after-commit.md). If the store fails, `admit` rejects and the device is not acknowledged, so it sends again.
// Readings are then handed to the telemetry sinks (the recent window, InfluxDB).
// Bad input resolves as 'rejected': it is counted, logged and dead-lettered, and acknowledged so that a device does
// not resend a message that can never be accepted.
// A device over its message rate (device-rate-limit.ts) is refused as 'rate_limited' before anything else is done
// with the message, life-safety events excepted: counted, but neither dead-lettered nor logged one by one, because a
// flood must not flood the store or the log. The outcome says when the device is flooding, for the broker to cut it off.
//
// Two exceptions keep "fail toward the alarm" (issue 17, items 1 and 10; docs/device-protocol.md 7.1 and 7.2):
// - A life-safety event its schema refuses is salvaged (life-safety-salvage.ts) when only its envelope or an extra
//   field is wrong: its alarm is raised with the defects on the alert, counted, dead-lettered as `salvaged`, and the
//   device gets a maintenance visit. A device whose messages are refused gets that visit too (`malformed_messages`).
// - A life-safety event over the rate that only repeats an alert already open is merged without a write (no event or
//   message row, no fsync): counted, and counted as a refusal, so a stuck key is throttled like any flood and its
//   device gets a maintenance visit (`message_flood`). Its first press, and any press that changes the alert (a new
//   alert after the last was closed, a press that takes back a cancel or ends a hold), is committed as always.

export interface InboundMessage {
  deviceId: string;
  channel: DeviceChannel;
  topic: string;
  payload: Buffer;
}

export type RejectReason =
  | 'unknown_device'
  | 'payload_too_large'
  | 'payload_not_utf8'
  | 'payload_not_json'
  | 'payload_invalid'
  | 'channel_not_for_kind'
  | 'rate_limited';

export type IngestOutcome =
  | { result: 'applied' }
  | { result: 'duplicate' }
  /** An over-rate life-safety repeat of an open alert, merged without a write; `flooding` as for a refusal. */
  | { result: 'merged'; flooding: boolean }
  | { result: 'rejected'; reason: Exclude<RejectReason, 'rate_limited'> }
  /** `flooding`: the device keeps sending over its rate; the broker adapter disconnects it. */
  | { result: 'rejected'; reason: 'rate_limited'; flooding: boolean };

export interface IngestDeps {
  store: DeadLetterStore;
  registry: DeviceRegistry;
  rules: RuleRunner;
  telemetry: TelemetryRecorder;
  metrics: DeviceTrafficMetrics;
  logger: Logger;
  clock: () => number;
  maxPayloadBytes: number;
  /** Each device's message allowance (DEVICE_MAX_MESSAGES_PER_MINUTE, DEVICE_BURST_MESSAGES). */
  rateLimit: DeviceRateLimitSettings;
}

/** A message read as far as its device's schema, or why it cannot be. */
type ReadMessage =
  | { ok: true; device: RegisteredDevice; message: DeviceMessage; text: string; salvage?: Salvage }
  | { ok: false; reason: Exclude<RejectReason, 'rate_limited'>; detail?: string; device?: RegisteredDevice };

const EXCERPT_BYTES = 512;

export function createIngest(deps: IngestDeps) {
  const { store, registry, rules, telemetry, metrics, clock } = deps;
  const rateLimit = createDeviceRateLimit(deps.rateLimit);
  const logger = deps.logger.child({ module: 'ingest' });
  const maintenance = createMaintenanceFlags({ rules, metrics, logger, clock });
  const derivedIds = createDerivedIds();
  // One child counter per channel, made once: `inc({ channel })` would hash the labels on every message.
  const received = Object.fromEntries(DEVICE_CHANNELS.map((channel) => [channel, metrics.messagesReceived.labels({ channel })])) as Record<
    DeviceChannel,
    { inc(): void }
  >;

  async function deadLetter(msg: InboundMessage, reason: string, detail: string | null): Promise<void> {
    try {
      await store.recordDeadLetter({
        deviceId: msg.deviceId,
        topic: msg.topic,
        reason,
        detail,
        payloadExcerpt: msg.payload.subarray(0, EXCERPT_BYTES).toString('base64'),
        receivedAt: clock(),
      });
    } catch (err) {
      // Losing a dead letter must not turn a rejection into a retry loop; the count and the log line remain.
      logger.error({ err, deviceId: msg.deviceId }, 'dead letter not recorded');
    }
  }

  async function reject(msg: InboundMessage, reason: Exclude<RejectReason, 'rate_limited'>, detail?: string, device?: RegisteredDevice): Promise<IngestOutcome> {
    metrics.messagesRejected.inc({ reason });
    logger.warn({ deviceId: msg.deviceId, topic: msg.topic, reason, detail }, 'device message rejected');
    await deadLetter(msg, reason, detail ?? null);
    if (device) await maintenance.flag(device, 'malformed_messages');
    return { result: 'rejected', reason };
  }

  /**
   * Decides on a message under its elder's lock and commits what was decided (rule-runner.ts), then keeps the record:
   * the dead letter of a salvaged event, the telemetry. `overRate`: the device is over its message rate (only
   * life-safety events get here then); a mere repeat of an open alert is merged without a write.
   */
  async function apply(msg: InboundMessage, read: Extract<ReadMessage, { ok: true }>, overRate: boolean): Promise<IngestOutcome> {
    const { device, message, text: rawJson, salvage } = read;
    const { payload } = message;
    // The runner may decide more than once (a conflict decides again on fresh state): the last verdict is the one committed.
    let verdict: MessageVerdict = { decisions: [], merged: false, flagged: null };
    const outcome = await rules.run({
      elderId: device.elderId,
      deviceId: device.id,
      evaluate: (state, now) => (verdict = decideOnMessage(message, state, now, { overRate, salvage })).decisions,
      // Over the rate, an event is remembered only when it changed something: a merged repeat writes no row at all.
      message: { deviceId: device.id, msgId: payload.msgId, record: message.channel !== 'events' ? 'when_alarm' : overRate ? 'when_written' : 'always' },
      // A salvaged event is kept as the gateway read it: its raw bytes (extra fields, nesting, anything) stay in the
      // dead letter, never in the event log that the desk and the API read back.
      ...(message.channel === 'events'
        ? { deviceEvent: { deviceId: device.id, elderId: device.elderId, msgId: payload.msgId, type: payload.type, deviceTs: payload.ts, payload: salvage ? JSON.stringify(payload) : rawJson } }
        : {}),
    });
    const { merged, flagged } = verdict;
    if (salvage) {
      metrics.messagesSalvaged.inc({ type: payload.type });
      for (const defect of salvage.defects) metrics.inputDefects.inc({ defect });
      // Every malformed message is kept for the desk, a resend too; a merged repeat writes nothing, not even its
      // dead letter, so that a stuck key with a firmware bug cannot fill the store.
      if (!merged) {
        logger.warn({ deviceId: device.id, type: payload.type, defects: salvage.defects, detail: salvage.detail }, 'malformed life-safety event: alarm raised anyway');
        await deadLetter(msg, 'salvaged', `defects: ${salvage.defects.join(',')}; ${salvage.detail}`.slice(0, 400));
      }
    }
    if (outcome === 'duplicate') {
      metrics.duplicatesIgnored.inc();
      logger.debug({ deviceId: device.id, msgId: payload.msgId }, 'redelivered message ignored');
      return { result: 'duplicate' };
    }
    if (flagged) maintenance.opened(device, flagged);
    if (merged) return mergedOverRate(msg, device);
    // After the rules, so a reading the store could not take (the device sends it again) is not kept twice.
    telemetry.record(device, message);
    return { result: 'applied' };
  }

  function mergedOverRate(msg: InboundMessage, device: RegisteredDevice): IngestOutcome {
    metrics.lifeSafetyMerged.inc();
    // Counted as a refusal: a key stuck down is throttled (and cut off) like any other flood, its alarm already open.
    const refusal = rateLimit.refuse(msg.deviceId, clock());
    if (refusal.firstInWindow) {
      logger.warn(
        { deviceId: device.id, refusedInPreviousMinute: refusal.refusedInPreviousWindow },
        'device over its message rate: repeated life-safety events merged into the open alert (logged once a minute per device)',
      );
    }
    return { result: 'merged', flooding: refusal.flooding };
  }

  function read(msg: InboundMessage, now: number): ReadMessage {
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
    if (parsed.ok) return { ok: true, device, message: parsed.message, text };
    // Only now, off the path of valid messages: a life-safety event is salvaged rather than dropped.
    if (parsed.reason === 'payload_invalid' && msg.channel === 'events') {
      const salvaged = salvageLifeSafetyEvent(device.kind, json, text, now, (source) => derivedIds(device.id, source, now));
      if (salvaged) return { ok: true, device, message: salvaged.message, text, salvage: { defects: salvaged.defects, detail: parsed.detail } };
    }
    return { ok: false, reason: parsed.reason, detail: parsed.detail, device };
  }

  function refuseOverRate(msg: InboundMessage, now: number): IngestOutcome {
    const refusal = rateLimit.refuse(msg.deviceId, now);
    metrics.messagesRejected.inc({ reason: 'rate_limited' });
    if (refusal.firstInWindow) {
      logger.warn(
        { deviceId: msg.deviceId, refusedInPreviousMinute: refusal.refusedInPreviousWindow },
        'device over its message rate: routine messages refused (logged once a minute per device)',
      );
    }
    return { result: 'rejected', reason: 'rate_limited', flooding: refusal.flooding };
  }

  return {
    async admit(msg: InboundMessage): Promise<IngestOutcome> {
      received[msg.channel].inc();
      const now = clock();
      if (!rateLimit.tryTake(msg.deviceId, now)) {
        // Over its rate a device is still heard for life-safety events, which come only on the events channel;
        // anything else is refused before it costs a parse or a write.
        const urgent = msg.channel === 'events' ? read(msg, now) : null;
        if (!urgent?.ok || !isLifeSafetyMessage(urgent.message)) return refuseOverRate(msg, now);
        metrics.rateLimitExempt.inc();
        return apply(msg, urgent, true);
      }
      const message = read(msg, now);
      if (!message.ok) return reject(msg, message.reason, message.detail, message.device);
      return apply(msg, message, false);
    },
  };
}

export type Ingest = ReturnType<typeof createIngest>;
