// Topic layout of the device protocol (docs/device-protocol.md). Builders and the parser
// live together so the gateway, the simulator and the docs can never disagree on a topic.

export const DEVICE_CHANNELS = ['events', 'telemetry', 'status'] as const;
export type DeviceChannel = (typeof DEVICE_CHANNELS)[number];

const DEVICE_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export function isValidDeviceId(id: string): boolean {
  return DEVICE_ID_PATTERN.test(id);
}

export const deviceTopic = (deviceId: string, channel: DeviceChannel): string =>
  `devices/${deviceId}/${channel}`;

export const deviceCommandsTopic = (deviceId: string): string => `devices/${deviceId}/commands`;

export interface ParsedDeviceTopic {
  deviceId: string;
  channel: DeviceChannel;
}

/** Parses `devices/{deviceId}/{channel}`; returns null for anything else. */
export function parseDeviceTopic(topic: string): ParsedDeviceTopic | null {
  const parts = topic.split('/');
  if (parts.length !== 3 || parts[0] !== 'devices') return null;
  const [, deviceId, channel] = parts as [string, string, string];
  if (!isValidDeviceId(deviceId)) return null;
  if (!(DEVICE_CHANNELS as readonly string[]).includes(channel)) return null;
  return { deviceId, channel: channel as DeviceChannel };
}
