import { randomUUID } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import { onTestFinished } from 'vitest';
import type { AlertView, DeviceChannel, DeviceKind, RiskCategory, ThresholdOverrides } from '../../schemas/index.js';
import type { TestGateway } from './test-gateway.js';

// A registered device of any kind speaking raw MQTT.js, for integration tests of the protocol itself (the
// simulator's device classes are tested on their own). Closed when the test ends.

export interface TestDevice {
  id: string;
  secret: string;
  elderId: string;
  client: MqttClient;
  /** Publishes {msgId, ts, type, ...fields} at QoS 1 and resolves after the PUBACK; returns the msgId. */
  send(channel: DeviceChannel, type: string, fields?: Record<string, unknown>, msgId?: string): Promise<string>;
  /** Ends the TCP connection without DISCONNECT, so the broker publishes the last will. */
  drop(): void;
}

let elderNumber = 0;

export async function registerElder(
  gw: TestGateway,
  options: { riskCategory?: RiskCategory; thresholdOverrides?: ThresholdOverrides } = {},
): Promise<string> {
  elderNumber += 1;
  const elder = await gw.api.createElder({ name: `测试老人${elderNumber}`, address: `城关镇幸福社区${elderNumber}号`, riskCategory: options.riskCategory ?? 'general' });
  if (options.thresholdOverrides) await gw.api.setCareProfile(elder.id, { thresholdOverrides: options.thresholdOverrides });
  return elder.id;
}

export async function connectDevice(
  gw: TestGateway,
  elderId: string,
  kind: DeviceKind,
  /** `closeAfterTest: false` for devices made outside a test (in beforeAll); the caller closes them. */
  options: { room?: string; keepalive?: number; closeAfterTest?: boolean } = {},
): Promise<TestDevice> {
  const registered = await gw.api.createDevice({ elderId, kind, ...(options.room ? { room: options.room } : {}) });
  const { id, secret } = registered;
  const client = await mqtt.connectAsync(gw.mqttUrl, {
    clientId: id,
    username: id,
    password: secret,
    keepalive: options.keepalive ?? 60,
    reconnectPeriod: 0,
    will: { topic: `devices/${id}/status`, payload: Buffer.from(JSON.stringify({ msgId: `will-${randomUUID()}`, ts: Date.now(), type: 'offline' })), qos: 1, retain: false },
  });
  if (options.closeAfterTest ?? true) {
    onTestFinished(async () => {
      await client.endAsync(true);
    });
  }
  let n = 0;
  return {
    id,
    secret,
    elderId,
    client,
    async send(channel, type, fields = {}, msgId = `${id}-${++n}-${randomUUID().slice(0, 8)}`) {
      await client.publishAsync(`devices/${id}/${channel}`, JSON.stringify({ msgId, ts: Date.now(), type, ...fields }), { qos: 1 });
      return msgId;
    },
    drop() {
      client.stream.destroy();
    },
  };
}

/** Polls `read` until `accept` holds or the time is up; for state the gateway reaches by a deadline. */
export async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 5000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() > until) throw new Error(`condition not reached within ${timeoutMs} ms; last value: ${JSON.stringify(value).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Presses SOS on a new call button of the elder and returns the alert the gateway raised. The button stays connected
 * (a set-up in beforeAll outlives its test): it goes into `opened` before it is pressed, for the caller to close.
 */
export async function raiseSos(gw: TestGateway, elderId: string, opened: TestDevice[]): Promise<AlertView> {
  const button = await connectDevice(gw, elderId, 'call_button', { closeAfterTest: false });
  opened.push(button);
  await button.send('events', 'sos');
  const open = await eventually(
    () => gw.api.listAlerts('open'),
    (alerts) => alerts.some((a) => a.elder.id === elderId),
  );
  return open.find((a) => a.elder.id === elderId)!;
}

/** The local clock time in China (UTC+8) `minutesFromNow` from now, as HH:MM, for night windows around now. */
export function chinaClock(minutesFromNow: number): string {
  const local = new Date(Date.now() + (480 + minutesFromNow) * 60_000);
  return `${String(local.getUTCHours()).padStart(2, '0')}:${String(local.getUTCMinutes()).padStart(2, '0')}`;
}
