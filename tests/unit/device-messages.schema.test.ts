import { describe, expect, it } from 'vitest';
import { deviceEventSchema, deviceStatusSchema, parseDeviceTopic } from '../../schemas/index.js';

describe('device message schemas', () => {
  it('when ts is ISO 8601, then it is normalised to epoch milliseconds', () => {
    const parsed = deviceEventSchema.parse({ msgId: 'm1', ts: '2026-11-23T10:00:00+08:00', type: 'sos' });
    expect(parsed.ts).toBe(Date.UTC(2026, 10, 23, 2, 0, 0));
  });

  it.each([
    ['no msgId', { ts: 1795427117000, type: 'sos' }],
    ['an unknown type', { msgId: 'm', ts: 1795427117000, type: 'explode' }],
    ['an implausible ts', { msgId: 'm', ts: 5, type: 'sos' }],
    ['an extra field', { msgId: 'm', ts: 1795427117000, type: 'sos', admin: true }],
    ['a msgId over 64 characters', { msgId: 'x'.repeat(65), ts: 1795427117000, type: 'sos' }],
  ])('when an event has %s, then it is rejected', (_name, payload) => {
    expect(deviceEventSchema.safeParse(payload).success).toBe(false);
  });

  it('when a heartbeat reports battery over 100, then it is rejected', () => {
    expect(deviceStatusSchema.safeParse({ msgId: 'h', ts: 1795427117000, type: 'heartbeat', battery: 101 }).success).toBe(false);
  });

  it.each([
    ['devices/btn-1/events', { deviceId: 'btn-1', channel: 'events' }],
    ['devices/btn-1/commands', null],
    ['devices/btn-1/events/extra', null],
    ['devices/+/events', null],
    ['other/btn-1/events', null],
  ])('when the topic is %s, then it parses to %j', (topic, expected) => {
    expect(parseDeviceTopic(topic)).toEqual(expected);
  });
});
