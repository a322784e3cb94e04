import { isUtf8 } from 'node:buffer';
import type { Logger } from 'pino';
import { DEVICE_CHANNELS, parseDeviceMessage, type DeviceChannel, type DeviceMessage } from '../../../schemas/index.js';
import { evaluateMessage } from '../core/evaluate.js';
import { createDeviceRateLimit, isLifeSafetyMessage, type DeviceRateLimitSettings } from './device-rate-limit.js';
import type { RegisteredDevice, DeviceRegistry } from './device-registry.js';
import type { Metrics } from './metrics.js';
import type { RuleRunner } from './rule-runner.js';
import type { Store } from './store.port.js';
import type { TelemetryRecorder } from './telemetry-recorder.js';

// The ingest path: topic → device → parse with the schema of the device's kind → rules → durable commit → desk.
// `admit` resolves only after the decisions are committed; the MQTT adapter sends the PUBACK after that
// (DESIGN.md, decision 2). If the store fails, `admit` rejects and the device is not acknowledged, so it sends again.
// Readings are then handed to the telemetry sinks (the recent window, InfluxDB).
// Bad input resolves as 'rejected': it is counted, logged and dead-lettered, and acknowledged so that a device does
// not resend a message that can never be accepted.
// A device over its message rate (device-rate-limit.ts) is refused as 'rate_limited' before anything else is done
// with the message, life-safety events excepted: counted, but neither dead-lettered nor logged one by one, because a
// flood must not flood the store or the log. The outcome says when the device is flooding, for the broker to cut it off.

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
  | { result: 'rejected'; reason: Exclude<RejectReason, 'rate_limited'> }
  /** `flooding`: the device keeps sending over its rate; the broker adapter disconnects it. */
  | { result: 'rejected'; reason: 'rate_limited'; flooding: boolean };

export interface IngestDeps {
  store: Store;
  registry: DeviceRegistry;
  rules: RuleRunner;
  telemetry: TelemetryRecorder;
  metrics: Metrics;
  logger: Logger;
  clock: () => number;
  maxPayloadBytes: number;
  /** Each device's message allowance (DEVICE_MAX_MESSAGES_PER_MINUTE, DEVICE_BURST_MESSAGES). */
  rateLimit: DeviceRateLimitSettings;
}

/** A message read as far as its device's schema, or why it cannot be. */
type ReadMessage =
  | { ok: true; device: RegisteredDevice; message: DeviceMessage; text: string }
  | { ok: false; reason: Exclude<RejectReason, 'rate_limited'>; detail?: string };

const EXCERPT_BYTES = 512;

export function createIngest(deps: IngestDeps) {
  const { store, registry, rules, telemetry, metrics, clock } = deps;
  const rateLimit = createDeviceRateLimit(deps.rateLimit);
  const logger = deps.logger.child({ module: 'ingest' });
  // One child counter per channel, made once: `inc({ channel })` would hash the labels on every message.
  const received = Object.fromEntries(DEVICE_CHANNELS.map((channel) => [channel, metrics.messagesReceived.labels({ channel })])) as Record<
    DeviceChannel,
    { inc(): void }
  >;

  async function reject(msg: InboundMessage, reason: Exclude<RejectReason, 'rate_limited'>, detail?: string): Promise<IngestOutcome> {
    metrics.messagesRejected.inc({ reason });
    logger.warn({ deviceId: msg.deviceId, topic: msg.topic, reason, detail }, 'device message rejected');
    try {
      await store.recordDeadLetter({
        deviceId: msg.deviceId,
        topic: msg.topic,
        reason,
        payloadExcerpt: msg.payload.subarray(0, EXCERPT_BYTES).toString('base64'),
        receivedAt: clock(),
      });
    } catch (err) {
      // Losing a dead letter must not turn a rejection into a retry loop; the count and the log line remain.
      logger.error({ err, deviceId: msg.deviceId }, 'dead letter not recorded');
    }
    return { result: 'rejected', reason };
  }

  async function apply(device: RegisteredDevice, message: DeviceMessage, rawJson: string): Promise<IngestOutcome> {
    const { payload } = message;
    const outcome = await rules.run({
      elderId: device.elderId,
      deviceId: device.id,
      evaluate: (state, now) => evaluateMessage(message, state, now),
      message: { deviceId: device.id, msgId: payload.msgId, record: message.channel === 'events' ? 'always' : 'when_alarm' },
      ...(message.channel === 'events'
        ? { deviceEvent: { deviceId: device.id, elderId: device.elderId, msgId: payload.msgId, type: payload.type, deviceTs: payload.ts, payload: rawJson } }
        : {}),
    });
    if (outcome === 'duplicate') {
      metrics.duplicatesIgnored.inc();
      logger.debug({ deviceId: device.id, msgId: payload.msgId }, 'redelivered message ignored');
      return { result: 'duplicate' };
    }
    // After the rules, so a reading the store could not take (the device sends it again) is not kept twice.
    telemetry.record(device, message);
    return { result: 'applied' };
  }

  function read(msg: InboundMessage): ReadMessage {
    const device = registry.get(msg.deviceId);
    if (!device) return { ok: false, reason: 'unknown_device' };
    if (msg.payload.length > deps.maxPayloadBytes) return { ok: false, reason: 'payload_too_large' };
    if (!isUtf8(msg.payload)) return { ok: false, reason: 'payload_not_utf8' };
    const text = msg.payload.toString('utf8');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return { ok: false, reason: 'payload_not_json' };
    }
    const parsed = parseDeviceMessage(device.kind, msg.channel, json);
    if (!parsed.ok) return { ok: false, reason: parsed.reason, detail: parsed.detail };
    return { ok: true, device, message: parsed.message, text };
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
        const urgent = msg.channel === 'events' ? read(msg) : null;
        if (!urgent?.ok || !isLifeSafetyMessage(urgent.message)) return refuseOverRate(msg, now);
        metrics.rateLimitExempt.inc();
        return apply(urgent.device, urgent.message, urgent.text);
      }
      const message = read(msg);
      if (!message.ok) return reject(msg, message.reason, message.detail);
      return apply(message.device, message.message, message.text);
    },
  };
}

export type Ingest = ReturnType<typeof createIngest>;
