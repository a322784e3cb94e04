import type { MqttClient } from 'mqtt';
import { brokerAddress, connectLoadDevice } from '../../device-sim/src/load/load-device-client.js';
import { sosPayload } from '../../device-sim/src/load/load-payloads.js';
import type { SosOrder } from '../../device-sim/src/load/load-protocol.js';
import type { FleetDevice, SosPress } from '../../device-sim/src/load/load.types.js';
import { deviceCommandsTopic, deviceTopic } from '../../schemas/topics.js';
import type { SosFeedbackFigures } from '../bench.types.js';
import { feedbackArrival, sosFeedbackFigures } from './sos-feedback.js';

// The devices that press SOS in a latency phase, held by the harness rather than by a load worker: each must be
// subscribed to its commands topic before it presses, and the moment its `alarm_received` comes back must be read
// on the same clock as the moment its PUBLISH left (load.types.ts). One MQTT.js client per device, as a worker's;
// its client id is the device id, so the load workers are given the rest of the fleet (a second connection with the
// same id would take the session over).

const now = (): number => performance.timeOrigin + performance.now();
const CLOSE_TIMEOUT_MS = 5_000;

export interface SosDevices {
  /** Presses each order at startAt + order.at × spanMs (order.at in [0, 1), as planSosPresses gives for 0..1). */
  schedule(orders: readonly SosOrder[], startAt: number, spanMs: number): void;
  /** The presses made so far (each also went to onPress as it left). */
  presses(): readonly SosPress[];
  /** Orders that could not be pressed, with why. */
  unpressed(): readonly string[];
  /** Waits until every press has its alarm_received or `waitMs` has passed since the last press, then summarises. */
  feedback(waitMs: number): Promise<SosFeedbackFigures>;
  /** Cancels presses not yet made and disconnects every device. */
  close(): Promise<void>;
}

export interface ConnectedSosDevices {
  devices: SosDevices;
  /** Devices that did not connect or whose subscription was refused, with why. */
  failures: string[];
}

/** Connects and subscribes every device (QoS 1 on its commands topic); a device that fails is reported, not thrown. */
export async function connectSosDevices(mqttUrl: string, fleet: readonly FleetDevice[], onPress: (press: SosPress) => void): Promise<ConnectedSosDevices> {
  const arrivals = new Map<string, number[]>();
  const clients = new Map<string, MqttClient>();
  const made: SosPress[] = [];
  const skipped: string[] = [];
  const timers: NodeJS.Timeout[] = [];

  const onMessage = (deviceId: string) => (_topic: string, payload: Buffer) => {
    // Timestamp first: the parse is the harness's cost, not the gateway's.
    const at = now();
    const text = payload.toString('utf8');
    if (!text.includes('"alarm_received"')) return;
    if ((JSON.parse(text) as { type?: unknown }).type !== 'alarm_received') return;
    const list = arrivals.get(deviceId);
    if (list) list.push(at);
    else arrivals.set(deviceId, [at]);
  };

  const outcomes = await Promise.allSettled(
    fleet.map(async (device) => {
      const client = await connectOne(mqttUrl, device);
      client.on('message', onMessage(device.id));
      const granted = await client.subscribeAsync(deviceCommandsTopic(device.id), { qos: 1 }).catch((err: Error) => err);
      const qos = granted instanceof Error ? null : granted[0]?.qos;
      if (qos !== 1) {
        client.end(true);
        throw new Error(`${device.id}: commands subscription ${granted instanceof Error ? `failed: ${granted.message}` : `granted QoS ${String(qos)}, not 1`}`);
      }
      clients.set(device.id, client);
    }),
  );
  const failures = outcomes.flatMap((o) => (o.status === 'rejected' ? [(o.reason as Error).message] : []));

  const press = (order: SosOrder): void => {
    const client = clients.get(order.deviceId);
    if (!client?.connected) {
      skipped.push(`${order.deviceId}: ${client ? 'connection lost' : 'not connected'}`);
      return;
    }
    const sent: SosPress = { deviceId: order.deviceId, msgId: order.msgId, sentAt: 0 };
    client.publish(deviceTopic(order.deviceId, 'events'), sosPayload(order.msgId, now()), { qos: 1 }, (err) => {
      if (!err) sent.ackedAt = now();
    });
    // MQTT.js writes the PUBLISH inside publish() (in-memory store), as load-connections.ts relies on too.
    sent.sentAt = now();
    made.push(sent);
    onPress(sent);
  };

  const devices: SosDevices = {
    schedule(orders, startAt, spanMs) {
      for (const order of orders) timers.push(setTimeout(() => press(order), Math.max(0, startAt + order.at * spanMs - now())));
    },
    presses: () => made,
    unpressed: () => skipped,
    async feedback(waitMs) {
      const lastSent = made.reduce((max, p) => Math.max(max, p.sentAt), 0);
      while (made.some((p) => feedbackArrival(p, arrivals) === undefined) && now() < lastSent + waitMs) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return sosFeedbackFigures(made, arrivals);
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      await Promise.all(
        [...clients.values()].map((client) =>
          Promise.race([client.endAsync(), new Promise((resolve) => setTimeout(resolve, CLOSE_TIMEOUT_MS).unref())]).catch(() => client.end(true)),
        ),
      );
      clients.clear();
    },
  };
  return { devices, failures };
}

/** Clean session (the phase subscribes afresh), no reconnect: a dropped device is a device that cannot press. */
function connectOne(mqttUrl: string, device: FleetDevice): Promise<MqttClient> {
  const client = connectLoadDevice(brokerAddress(mqttUrl), device);
  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      client.off('error', onError);
      client.off('close', onClose);
      client.on('error', () => undefined);
      client.end(true);
      reject(new Error(`${device.id}: ${why}`));
    };
    const onError = (err: Error) => fail(err.message);
    const onClose = () => fail('closed before its CONNACK');
    client.once('connect', () => {
      client.off('error', onError);
      client.off('close', onClose);
      // A later error (a dropped socket) must not throw from the emitter; press() sees the device disconnected.
      client.on('error', () => undefined);
      resolve(client);
    });
    client.on('error', onError);
    client.on('close', onClose);
  });
}
