import { describe, expect, it } from 'vitest';
import {
  callButtonEventSchema,
  DEVICE_CHANNELS,
  DEVICE_KINDS,
  deviceStatusSchema,
  MESSAGE_SCHEMAS,
  parseDeviceMessage,
  parseDeviceTopic,
  type DeviceChannel,
  type DeviceKind,
} from '../../schemas/index.js';

// The device message catalogue (schemas/devices/): what each kind may send on each channel, and how the gateway's
// parser answers anything else. Payloads are written as a device would send them.

const TS = 1795427117000;
const msg = (type: string, fields: Record<string, unknown> = {}) => ({ msgId: `m-${type}`, ts: TS, type, ...fields });

describe('device message envelope', () => {
  it('when ts is ISO 8601 with an offset, then it is normalised to epoch milliseconds', () => {
    const parsed = callButtonEventSchema.parse({ msgId: 'm1', ts: '2026-11-23T10:00:00+08:00', type: 'sos' });
    expect(parsed.ts).toBe(Date.UTC(2026, 10, 23, 2, 0, 0));
  });

  it.each([
    ['no msgId', { ts: TS, type: 'sos' }],
    ['an empty msgId', { msgId: '', ts: TS, type: 'sos' }],
    ['a msgId over 64 characters', { msgId: 'x'.repeat(65), ts: TS, type: 'sos' }],
    ['no ts', { msgId: 'm', type: 'sos' }],
    ['an implausible ts', { msgId: 'm', ts: 5, type: 'sos' }],
    ['a ts beyond 2100', { msgId: 'm', ts: Date.UTC(2100, 0, 2), type: 'sos' }],
    ['a ts beyond every integer column', { msgId: 'm', ts: 2 ** 63, type: 'sos' }],
    ['a msgId with a NUL', { msgId: 'a\u0000b', ts: TS, type: 'sos' }],
    ['a msgId with a newline', { msgId: 'a\nb', ts: TS, type: 'sos' }],
    ['a local time without a zone', { msgId: 'm', ts: '2026-11-23T10:00:00', type: 'sos' }],
    ['an unknown type', { msgId: 'm', ts: TS, type: 'explode' }],
    ['no type', { msgId: 'm', ts: TS }],
    ['an extra field', { msgId: 'm', ts: TS, type: 'sos', admin: true }],
  ])('when an event has %s, then it is rejected', (_name, payload) => {
    expect(parseDeviceMessage('call_button', 'events', payload)).toMatchObject({ ok: false, reason: 'payload_invalid' });
  });

  it('when the payload is not an object, then it is rejected as payload_invalid', () => {
    for (const payload of [null, 'sos', 42, [msg('sos')]]) {
      expect(parseDeviceMessage('call_button', 'events', payload)).toMatchObject({ ok: false, reason: 'payload_invalid' });
    }
  });
});

describe('device message catalogue', () => {
  const withTelemetry: readonly DeviceKind[] = ['wearable', 'bed_sensor'];

  it.each(DEVICE_KINDS)('when the kind is %s, then it has events and status, and telemetry only if it measures', (kind) => {
    expect(MESSAGE_SCHEMAS[kind].events).not.toBeNull();
    expect(MESSAGE_SCHEMAS[kind].status).not.toBeNull();
    expect(MESSAGE_SCHEMAS[kind].telemetry !== null).toBe(withTelemetry.includes(kind));
  });

  const valid: readonly [DeviceKind, DeviceChannel, Record<string, unknown>][] = [
    ['call_button', 'events', msg('sos')],
    ['call_button', 'events', msg('cancel')],
    ['call_button', 'events', msg('service_request', { service: 'meals' })],
    ['call_button', 'events', msg('service_request')],
    ['wearable', 'events', msg('sos')],
    ['wearable', 'events', msg('fall')],
    ['wearable', 'events', msg('fall', { confidence: 0.82 })],
    ['wearable', 'events', msg('worn')],
    ['wearable', 'events', msg('removed')],
    ['wearable', 'events', msg('geofence_exit', { fence: 'community' })],
    ['wearable', 'events', msg('geofence_enter')],
    ['wearable', 'telemetry', msg('vitals', { heartRate: 72, spo2: 97.5, skinTemperature: 36.4, steps: 2140 })],
    ['wearable', 'telemetry', msg('vitals', { steps: 0 })],
    ['wearable', 'telemetry', msg('position', { lat: 28.2282, lon: 112.9388, accuracy: 12 })],
    ['camera', 'events', msg('fall', { room: '203', zone: 'bedside', confidence: 0.93, snapshotRef: 'nvr-01/ch03/x.jpg' })],
    ['camera', 'events', msg('bed_exit', { room: '203', confidence: 0.8 })],
    ['camera', 'events', msg('no_motion', { room: '203', confidence: 0.75 })],
    ['camera', 'events', msg('prolonged_stay', { room: '203', zone: 'bathroom', confidence: 0.9 })],
    ['camera', 'events', msg('wandering', { room: 'corridor-2', confidence: 0.71 })],
    ['camera', 'events', msg('intrusion', { room: '203', confidence: 0.99 })],
    ['smoke_detector', 'events', msg('smoke')],
    ['smoke_detector', 'events', msg('smoke_clear')],
    ['gas_detector', 'events', msg('gas')],
    ['gas_detector', 'events', msg('gas', { ppm: 1200 })],
    ['gas_detector', 'events', msg('gas_clear')],
    ['water_leak_sensor', 'events', msg('water_leak')],
    ['water_leak_sensor', 'events', msg('water_clear')],
    ['door_sensor', 'events', msg('door_open')],
    ['door_sensor', 'events', msg('door_closed')],
    ['motion_sensor', 'events', msg('motion')],
    ['bed_sensor', 'events', msg('in_bed')],
    ['bed_sensor', 'events', msg('out_of_bed')],
    ['bed_sensor', 'telemetry', msg('bed_vitals', { heartRate: 58, breathingRate: 14 })],
    ['bed_sensor', 'telemetry', msg('bed_vitals', { breathingRate: 16 })],
  ];

  const validCases = valid.map(([kind, channel, payload]) => [kind, String(payload.type), channel, payload] as const);
  it.each(validCases)('when a %s sends a valid %s on %s, then it parses with its kind and channel', (kind, _type, channel, payload) => {
    const result = parseDeviceMessage(kind, channel, payload);
    expect(result).toMatchObject({ ok: true, message: { kind, channel, payload: { type: payload.type, msgId: payload.msgId, ts: TS } } });
  });

  it.each(DEVICE_KINDS)('when a %s sends heartbeat, test, battery and offline status, then each parses', (kind) => {
    for (const payload of [msg('heartbeat', { battery: 87, firmware: '1.4.2' }), msg('heartbeat'), msg('test', { battery: 86 }), msg('battery', { battery: 12 }), msg('offline')]) {
      expect(parseDeviceMessage(kind, 'status', payload)).toMatchObject({ ok: true, message: { kind, channel: 'status' } });
    }
  });

  it('when a geofence event names no fence, then the fence is "home"', () => {
    const result = parseDeviceMessage('wearable', 'events', msg('geofence_exit'));
    expect(result).toMatchObject({ ok: true, message: { payload: { fence: 'home' } } });
  });

  it('when a service request names no service, then it is a question', () => {
    const result = parseDeviceMessage('call_button', 'events', msg('service_request'));
    expect(result).toMatchObject({ ok: true, message: { payload: { service: 'question' } } });
  });

  const rejected: readonly [string, DeviceKind, DeviceChannel, unknown, 'payload_invalid' | 'channel_not_for_kind'][] = [
    // A kind sends only its own types, and nothing on a channel it does not use.
    ['a call button reports smoke on events', 'call_button', 'events', msg('smoke'), 'payload_invalid'],
    ['a call button sends smoke on telemetry', 'call_button', 'telemetry', msg('smoke'), 'channel_not_for_kind'],
    ['a call button reports a heart rate', 'call_button', 'telemetry', msg('vitals', { heartRate: 80 }), 'channel_not_for_kind'],
    ['a call button asks for an unknown service', 'call_button', 'events', msg('service_request', { service: 'massage' }), 'payload_invalid'],
    ['a smoke detector presses SOS', 'smoke_detector', 'events', msg('sos'), 'payload_invalid'],
    ['a smoke detector sends telemetry', 'smoke_detector', 'telemetry', msg('smoke'), 'channel_not_for_kind'],
    ['a motion sensor sends telemetry', 'motion_sensor', 'telemetry', msg('motion'), 'channel_not_for_kind'],
    ['a camera sends telemetry', 'camera', 'telemetry', msg('fall', { room: '203', confidence: 0.9 }), 'channel_not_for_kind'],
    ['a camera presses SOS', 'camera', 'events', msg('sos'), 'payload_invalid'],
    ['a door sensor reports motion', 'door_sensor', 'events', msg('motion'), 'payload_invalid'],
    ['a wearable sends vitals on events', 'wearable', 'events', msg('vitals', { heartRate: 80 }), 'payload_invalid'],
    ['a wearable sends a fall on telemetry', 'wearable', 'telemetry', msg('fall'), 'payload_invalid'],
    ['a bed sensor sends wearable vitals', 'bed_sensor', 'telemetry', msg('vitals', { heartRate: 60 }), 'payload_invalid'],
    ['a status message is sent on events', 'gas_detector', 'events', msg('heartbeat'), 'payload_invalid'],
    // Fields and ranges.
    ['wearable vitals carry no metric', 'wearable', 'telemetry', msg('vitals'), 'payload_invalid'],
    ['wearable vitals have a fractional heart rate', 'wearable', 'telemetry', msg('vitals', { heartRate: 80.5 }), 'payload_invalid'],
    ['wearable vitals have SpO2 over 100', 'wearable', 'telemetry', msg('vitals', { spo2: 101 }), 'payload_invalid'],
    ['wearable vitals have an implausible skin temperature', 'wearable', 'telemetry', msg('vitals', { skinTemperature: 50 }), 'payload_invalid'],
    ['wearable vitals have negative steps', 'wearable', 'telemetry', msg('vitals', { steps: -1 }), 'payload_invalid'],
    ['a position has latitude 91', 'wearable', 'telemetry', msg('position', { lat: 91, lon: 0, accuracy: 5 }), 'payload_invalid'],
    ['a position has no accuracy', 'wearable', 'telemetry', msg('position', { lat: 28.2, lon: 112.9 }), 'payload_invalid'],
    ['a wearable fall has confidence over 1', 'wearable', 'events', msg('fall', { confidence: 1.2 }), 'payload_invalid'],
    ['a geofence is an empty label', 'wearable', 'events', msg('geofence_exit', { fence: '  ' }), 'payload_invalid'],
    ['a camera detection names no room', 'camera', 'events', msg('fall', { confidence: 0.9 }), 'payload_invalid'],
    ['a camera detection has no confidence', 'camera', 'events', msg('fall', { room: '203' }), 'payload_invalid'],
    ['a camera detection has an empty zone', 'camera', 'events', msg('wandering', { room: '203', zone: '', confidence: 0.9 }), 'payload_invalid'],
    ['a camera snapshot reference is over 256 characters', 'camera', 'events', msg('fall', { room: '203', confidence: 0.9, snapshotRef: 'x'.repeat(257) }), 'payload_invalid'],
    ['a camera sends video', 'camera', 'events', msg('fall', { room: '203', confidence: 0.9, video: 'base64…' }), 'payload_invalid'],
    ['a gas reading is negative', 'gas_detector', 'events', msg('gas', { ppm: -3 }), 'payload_invalid'],
    ['a door event names its room', 'door_sensor', 'events', msg('door_open', { room: 'entrance' }), 'payload_invalid'],
    ['bed vitals carry no metric', 'bed_sensor', 'telemetry', msg('bed_vitals'), 'payload_invalid'],
    ['bed vitals have a breathing rate over 100', 'bed_sensor', 'telemetry', msg('bed_vitals', { breathingRate: 101 }), 'payload_invalid'],
    ['a heartbeat reports battery over 100', 'wearable', 'status', msg('heartbeat', { battery: 101 }), 'payload_invalid'],
    ['a battery report has no level', 'door_sensor', 'status', msg('battery'), 'payload_invalid'],
    ['a firmware string is over 64 characters', 'camera', 'status', msg('heartbeat', { firmware: 'f'.repeat(65) }), 'payload_invalid'],
    ['an offline status carries a battery', 'call_button', 'status', msg('offline', { battery: 50 }), 'payload_invalid'],
  ];

  it.each(rejected)('when %s, then it is rejected as %s', (_name, kind, channel, payload, reason) => {
    const result = parseDeviceMessage(kind, channel, payload);
    expect(result).toMatchObject({ ok: false, reason });
  });

  it('when wearable vitals carry no metric, then the detail says what is missing', () => {
    const result = parseDeviceMessage('wearable', 'telemetry', msg('vitals'));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.detail).toContain('vitals must carry at least one of heartRate, spo2, skinTemperature, steps');
  });

  it('when a call button sends smoke, then the detail names the kind and channel or the field', () => {
    const onTelemetry = parseDeviceMessage('call_button', 'telemetry', msg('smoke'));
    expect(onTelemetry).toEqual({ ok: false, reason: 'channel_not_for_kind', detail: 'a call_button sends nothing on telemetry' });
    const onEvents = parseDeviceMessage('call_button', 'events', msg('smoke'));
    expect(onEvents.ok).toBe(false);
    if (!onEvents.ok) expect(onEvents.detail).toMatch(/^type: /);
  });

  it('when a detail would be long, then it is cut to 300 characters', () => {
    const result = parseDeviceMessage('camera', 'events', { ...msg('fall'), room: 1, zone: 2, confidence: 'x', snapshotRef: 3, a: 1, b: 2, c: 3 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.detail.length).toBeLessThanOrEqual(300);
  });

  it('when the status schema is used directly, then a battery report needs a level from 0 to 100', () => {
    expect(deviceStatusSchema.safeParse(msg('battery', { battery: 0 })).success).toBe(true);
    expect(deviceStatusSchema.safeParse(msg('battery', { battery: -1 })).success).toBe(false);
  });
});

describe('device topics', () => {
  it.each([
    ['devices/btn-1/events', { deviceId: 'btn-1', channel: 'events' }],
    ['devices/watch_7/telemetry', { deviceId: 'watch_7', channel: 'telemetry' }],
    ['devices/cam-203/status', { deviceId: 'cam-203', channel: 'status' }],
    ['devices/btn-1/commands', null],
    ['devices/btn-1/events/extra', null],
    ['devices/+/events', null],
    ['devices/#', null],
    ['devices//events', null],
    ['other/btn-1/events', null],
  ])('when the topic is %s, then it parses to %j', (topic, expected) => {
    expect(parseDeviceTopic(topic)).toEqual(expected);
  });

  it('when every channel is listed, then it is events, telemetry and status', () => {
    expect([...DEVICE_CHANNELS]).toEqual(['events', 'telemetry', 'status']);
  });
});
