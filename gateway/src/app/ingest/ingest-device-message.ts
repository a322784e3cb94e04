import type { Logger } from 'pino';
import { DEVICE_CHANNELS, type CommandResultStatus, type DeviceChannel, type DeviceMessage } from '../../../../schemas/index.js';
import { createDeviceRateLimit, isLifeSafetyMessage, type DeviceRateLimitSettings } from './device-rate-limit.js';
import type { RegisteredDevice, DeviceRegistry } from '../directories/device-registry.js';
import { createDerivedIds } from './life-safety-salvage.js';
import { createMessageReader, type InboundMessage, type IngestOutcome, type ReadMessage, type RejectReason } from './read-inbound-message.js';
import { createMaintenanceFlags } from './maintenance-flags.js';
import { decideOnMessage, type MessageVerdict } from './decide-on-message.js';
import type { DeviceTrafficMetrics } from '../ports/metrics.port.js';
import type { RuleRunner } from '../decisions/rule-runner.js';
import type { TelemetryRecorder } from '../telemetry/telemetry-recorder.js';
import type { DeadLetterStore } from '../ports/store/dead-letters.port.js';
import type { DeviceStore } from '../ports/store/devices.port.js';
import { msgIdOf, otherTypeOfMsgId, type RejectionTeller } from './rejection-reply.js';

// The ingest path: topic → device → parse with the schema of the device's kind → rules → durable commit → desk.
// `admit` resolves only after the decisions are committed; the MQTT adapter sends the PUBACK after that
// (docs/decisions/0002-acknowledge-after-commit.md). If the store fails, `admit` rejects and the device is not acknowledged, so it sends again.
// Readings are then handed to the telemetry sinks (the recent window, InfluxDB).
// Bad input resolves as 'rejected': it is counted, logged and dead-lettered, and acknowledged so that a device does
// not resend a message that can never be accepted; the device is told with a `rejected` reply on its commands topic
// (rejection-reply.ts, app/device-rejections; rate-limited there, sent after the caller has returned). Two rules of
// the protocol are checked here too: `offline` is the last will only (a connected client's own is refused), and a
// msgId seen again with another type is refused, not taken for a resend (a life-safety event is salvaged instead).
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
export type { InboundMessage, IngestOutcome, RejectReason } from './read-inbound-message.js';

export interface IngestDeps {
  /** The device events are read only for a duplicate msgId, to tell a resend from a msgId reused for another type. */
  store: DeadLetterStore & Pick<DeviceStore, 'listDeviceEvents'>;
  registry: DeviceRegistry;
  rules: RuleRunner;
  telemetry: TelemetryRecorder;
  metrics: DeviceTrafficMetrics;
  logger: Logger;
  clock: () => number;
  maxPayloadBytes: number;
  /** Each device's message allowance (DEVICE_MAX_MESSAGES_PER_MINUTE, DEVICE_BURST_MESSAGES). */
  rateLimit: DeviceRateLimitSettings;
  /** Tells the device its message was refused (a `rejected` reply, app/device-rejections); rate-limited there. */
  rejections?: RejectionTeller;
  /**
   * Commands to devices (app/device-commands): a `command_result` goes to its command's record after the rules saw it
   * as a sign of life, and an `offline` will puts the commands the device had not acknowledged back in the queue.
   */
  commands?: DeviceStatusFollowers;
}

export interface DeviceStatusFollowers {
  result(deviceId: string, result: CommandResultStatus): Promise<void>;
  wentOffline(deviceId: string): Promise<void>;
}

const EXCERPT_BYTES = 512;

export function createIngest(deps: IngestDeps) {
  const { store, registry, rules, telemetry, metrics, clock } = deps;
  const rateLimit = createDeviceRateLimit(deps.rateLimit);
  const logger = deps.logger.child({ module: 'ingest' });
  const maintenance = createMaintenanceFlags({ rules, metrics, logger, clock });
  const derivedIds = createDerivedIds();
  const read = createMessageReader({ registry, maxPayloadBytes: deps.maxPayloadBytes, derivedIds });
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
    // A registered device is told (its commands topic); the msgId is read again only when the reply may go.
    if (device) deps.rejections?.tell(msg.deviceId, reason, () => ({ channel: msg.channel, rejectedMsgId: msgIdOf(msg.payload), detail: detail ?? null }));
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
      // A resend is the same message; a msgId the device used before for another type is a firmware bug it must hear of.
      const firstType = await otherTypeOfMsgId(store, device.id, payload.msgId, payload.type, logger);
      if (firstType !== null) {
        const detail = `msgId already used for a ${firstType} message; this one is a ${payload.type}`;
        // Fail toward the alarm: an SOS must not be lost to a firmware that reuses ids; it is salvaged with an id of its own.
        if (!salvage && isLifeSafetyMessage(message)) return apply(msg, withOwnMsgId(read, detail), overRate);
        return reject(msg, 'duplicate_msg_id_other_type', detail, device);
      }
      metrics.duplicatesIgnored.inc();
      logger.debug({ deviceId: device.id, msgId: payload.msgId }, 'redelivered message ignored');
      return { result: 'duplicate' };
    }
    if (flagged) maintenance.opened(device, flagged);
    if (merged) return mergedOverRate(msg, device);
    if (message.channel === 'status' && deps.commands) {
      // Awaited, so a store that fails here leaves the message unacknowledged and the device sends it again.
      if (message.payload.type === 'command_result') await deps.commands.result(device.id, message.payload);
      else if (message.payload.type === 'offline') await deps.commands.wentOffline(device.id);
    }
    // After the rules, so a reading the store could not take (the device sends it again) is not kept twice.
    telemetry.record(device, message);
    return { result: 'applied' };
  }

  /** The life-safety event again, with a derived msgId (life-safety-salvage.ts) and the defect named. */
  function withOwnMsgId(read: Extract<ReadMessage, { ok: true }>, detail: string): Extract<ReadMessage, { ok: true }> {
    const now = clock();
    const msgId = derivedIds(read.device.id, read.text, now);
    const message = { ...read.message, payload: { ...read.message.payload, msgId } } as DeviceMessage;
    return { ...read, message, salvage: { defects: ['msg_id_invalid'], detail } };
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

  function refuseOverRate(msg: InboundMessage, now: number): IngestOutcome {
    const refusal = rateLimit.refuse(msg.deviceId, now);
    metrics.messagesRejected.inc({ reason: 'rate_limited' });
    deps.rejections?.tell(msg.deviceId, 'rate_limited', () => ({
      channel: msg.channel,
      rejectedMsgId: msgIdOf(msg.payload),
      detail: 'over the message rate (docs/device-protocol.md, 7.1)',
    }));
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
