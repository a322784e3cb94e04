import type { MqttClient } from 'mqtt';
import type { DeviceCommand } from '../../schemas/index.js';
import { eventually } from './mqtt-device.js';

// What a device hears on its commands topic (docs/device-protocol.md, "Commands to the device"): subscribes the
// device's own MQTT.js client and keeps every message, parsed, in arrival order.

/** A message heard on the commands topic; `alertId` reads as undefined on the types that carry none. */
export type HeardCommand = DeviceCommand & { alertId?: string };

export interface CommandInbox {
  /** The QoS the broker granted the subscription. */
  grantedQos: number;
  received: HeardCommand[];
  /** Waits until a message matches, and returns it. */
  waitFor(match: (command: HeardCommand) => boolean, timeoutMs?: number): Promise<HeardCommand>;
}

export async function listenToCommands(client: MqttClient, deviceId: string, requestedQos: 0 | 1 | 2 = 1): Promise<CommandInbox> {
  const topic = `devices/${deviceId}/commands`;
  const received: HeardCommand[] = [];
  client.on('message', (t, payload) => {
    if (t === topic) received.push(JSON.parse(payload.toString('utf8')) as HeardCommand);
  });
  const granted = await client.subscribeAsync(topic, { qos: requestedQos });
  return {
    grantedQos: granted[0]?.qos ?? -1,
    received,
    async waitFor(match, timeoutMs = 5000) {
      const found = await eventually(async () => received.find(match), (c) => c !== undefined, timeoutMs);
      return found!;
    },
  };
}
