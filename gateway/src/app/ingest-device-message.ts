import { isUtf8 } from 'node:buffer';
import type { Logger } from 'pino';
import { schemaByChannel, type DeviceChannel, type DeviceEvent, type DeviceStatus } from '../../../schemas/index.js';
import type { Alert } from '../core/alert.js';
import type { AlertDecision } from '../core/decisions.js';
import { cancelPressed } from '../core/rules/cancel-pressed.rule.js';
import { sosPressed } from '../core/rules/sos-pressed.rule.js';
import type { DeviceRegistry, RegisteredDevice } from './device-registry.js';
import { KeyedSerialQueue } from './keyed-serial-queue.js';
import type { LiveEvents } from './live-events.port.js';
import type { Metrics } from './metrics.js';
import type { PresenceService } from './presence.service.js';
import type { AlertWrite, Store } from './store.port.js';
import { toAlertView } from './views.js';

// The ingest path: topic → device → parse → rule → durable commit → live event.
// `admit` resolves only after an alarm decision is committed; the MQTT adapter sends the PUBACK after that
// (DESIGN.md, decision 2). If the store fails, `admit` rejects and the device is not acknowledged, so it sends again.
// Bad input resolves as 'rejected': it is counted, logged and dead-lettered, and acknowledged so that a device does
// not resend a message that can never be accepted.

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
  | 'payload_invalid';

export type IngestOutcome =
  | { result: 'applied' }
  | { result: 'duplicate' }
  | { result: 'rejected'; reason: RejectReason };

export interface IngestDeps {
  store: Store;
  registry: DeviceRegistry;
  presence: PresenceService;
  live: LiveEvents;
  metrics: Metrics;
  logger: Logger;
  clock: () => number;
  newId: () => string;
  cancelWindowMs: number;
  maxPayloadBytes: number;
}

const EXCERPT_BYTES = 512;

export function createIngest(deps: IngestDeps) {
  const { store, registry, presence, live, metrics, clock } = deps;
  const logger = deps.logger.child({ module: 'ingest' });
  const perElder = new KeyedSerialQueue();

  async function reject(msg: InboundMessage, reason: RejectReason, detail?: string): Promise<IngestOutcome> {
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

  function decide(device: RegisteredDevice, event: DeviceEvent, openAlert: Alert | null, now: number): AlertDecision {
    switch (event.type) {
      case 'sos':
        return sosPressed({ deviceId: device.id, elderId: device.elderId, newAlertId: deps.newId() }, { openAlert }, now);
      case 'cancel':
        return cancelPressed({ deviceId: device.id, cancelWindowMs: deps.cancelWindowMs }, { openAlert }, now);
    }
  }

  async function onEvent(device: RegisteredDevice, event: DeviceEvent): Promise<IngestOutcome> {
    return perElder.run(device.elderId, async () => {
      const now = clock();
      const openAlert = await store.findOpenAlert(device.elderId, 'sos');
      const decision = decide(device, event, openAlert, now);
      const writes: AlertWrite[] =
        decision.kind === 'ignore'
          ? []
          : [{ kind: decision.kind === 'raise' ? 'insert' : 'update', alert: decision.alert, entry: decision.entry }];
      const stopTimer = metrics.alertCommitSeconds.startTimer();
      const outcome = await store.commitDeviceMessage({ deviceId: device.id, msgId: event.msgId, receivedAt: now }, writes);
      stopTimer();
      if (outcome === 'duplicate') {
        metrics.duplicatesIgnored.inc();
        logger.debug({ deviceId: device.id, msgId: event.msgId }, 'redelivered message ignored');
        return { result: 'duplicate' };
      }
      if (decision.kind === 'ignore') {
        logger.info({ deviceId: device.id, type: event.type, reason: decision.reason }, 'event changed no alert');
        return { result: 'applied' };
      }
      await announce(decision);
      return { result: 'applied' };
    });
  }

  async function announce(decision: Exclude<AlertDecision, { kind: 'ignore' }>): Promise<void> {
    const { alert } = decision;
    if (decision.kind === 'raise') {
      metrics.alertsRaised.inc({ type: alert.type, priority: String(alert.priority) });
      logger.info({ alertId: alert.id, deviceId: alert.deviceId, type: alert.type }, 'alert raised');
    }
    const stored = await store.getAlert(alert.id);
    if (stored) live.publish({ type: decision.kind === 'raise' ? 'alert.raised' : 'alert.updated', alert: toAlertView(stored) });
  }

  return {
    async admit(msg: InboundMessage): Promise<IngestOutcome> {
      metrics.messagesReceived.inc({ channel: msg.channel });
      const device = registry.get(msg.deviceId);
      if (!device) return reject(msg, 'unknown_device');
      if (msg.payload.length > deps.maxPayloadBytes) return reject(msg, 'payload_too_large');
      if (!isUtf8(msg.payload)) return reject(msg, 'payload_not_utf8');
      let json: unknown;
      try {
        json = JSON.parse(msg.payload.toString('utf8'));
      } catch {
        return reject(msg, 'payload_not_json');
      }
      const parsed = schemaByChannel[msg.channel].safeParse(json);
      if (!parsed.success) {
        const detail = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
        return reject(msg, 'payload_invalid', detail.slice(0, 300));
      }
      if (msg.channel === 'events') return onEvent(device, parsed.data as DeviceEvent);
      await presence.onStatus(device.id, parsed.data as DeviceStatus);
      return { result: 'applied' };
    },
  };
}

export type Ingest = ReturnType<typeof createIngest>;
