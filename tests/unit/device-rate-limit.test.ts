import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDeviceRateLimit, isLifeSafetyMessage, REFUSAL_WINDOW_MS } from '../../gateway/src/app/ingest/device-rate-limit.js';
import { DEVICE_KINDS, MESSAGE_SCHEMAS, parseDeviceMessage, type DeviceKind } from '../../schemas/index.js';

// The per-device token bucket with the time as a parameter: burst, refill, flooding, the once-a-minute log signal,
// a clock that steps back, memory, and which messages the limit never refuses.

const DEFAULTS = { messagesPerMinute: 120, burst: 60 };
const T0 = Date.UTC(2026, 10, 23, 8, 0, 0);

/** Sends at a steady rate for `seconds`; returns what happened to each message, with its time. */
function sendSteadily(limit: ReturnType<typeof createDeviceRateLimit>, deviceId: string, perSecond: number, seconds: number, start = T0) {
  const log: Array<{ at: number; admitted: boolean; flooding: boolean; firstInWindow: boolean }> = [];
  for (let i = 0; i < perSecond * seconds; i++) {
    const at = start + Math.floor((i * 1000) / perSecond);
    if (limit.tryTake(deviceId, at)) {
      log.push({ at, admitted: true, flooding: false, firstInWindow: false });
    } else {
      const r = limit.refuse(deviceId, at);
      log.push({ at, admitted: false, flooding: r.flooding, firstInWindow: r.firstInWindow });
    }
  }
  return log;
}

describe('device rate limit', () => {
  it('when a quiet device sends a burst, then exactly the burst is admitted at once and the next message is refused', () => {
    const limit = createDeviceRateLimit(DEFAULTS);
    const admitted = Array.from({ length: 61 }, () => limit.tryTake('watch-1', T0));
    expect(admitted.filter(Boolean)).toHaveLength(60);
    expect(admitted[60]).toBe(false);
  });

  it('when the bucket is empty, then it refills at the average rate: two messages a second at 120 a minute', () => {
    const limit = createDeviceRateLimit(DEFAULTS);
    for (let i = 0; i < 60; i++) limit.tryTake('watch-1', T0);
    expect(limit.tryTake('watch-1', T0 + 499)).toBe(false);
    expect(limit.tryTake('watch-1', T0 + 1000)).toBe(true);
    expect(limit.tryTake('watch-1', T0 + 1000)).toBe(true);
    expect(limit.tryTake('watch-1', T0 + 1000)).toBe(false);
    // A long pause refills no more than the burst.
    const later = T0 + 3600_000;
    expect(Array.from({ length: 70 }, () => limit.tryTake('watch-1', later)).filter(Boolean)).toHaveLength(60);
  });

  it('when one device has used its allowance, then another device is not affected', () => {
    const limit = createDeviceRateLimit(DEFAULTS);
    for (let i = 0; i < 100; i++) limit.tryTake('flooder', T0);
    expect(limit.tryTake('flooder', T0)).toBe(false);
    expect(limit.tryTake('neighbour', T0)).toBe(true);
  });

  it('when any device sends at any times, then what it gets admitted in any stretch of time is at most the burst plus the refill over that stretch', () => {
    fc.assert(
      fc.property(
        fc.record({ perMinute: fc.integer({ min: 1, max: 1000 }), burst: fc.integer({ min: 1, max: 200 }) }),
        fc.array(fc.integer({ min: 0, max: 5_000 }), { minLength: 1, maxLength: 400 }),
        ({ perMinute, burst }, gaps) => {
          const limit = createDeviceRateLimit({ messagesPerMinute: perMinute, burst });
          let at = T0;
          const admittedAt: number[] = [];
          for (const gap of gaps) {
            at += gap;
            if (limit.tryTake('d', at)) admittedAt.push(at);
          }
          for (let i = 0; i < admittedAt.length; i++) {
            for (let j = i; j < admittedAt.length; j++) {
              const stretch = admittedAt[j]! - admittedAt[i]!;
              expect(j - i + 1).toBeLessThanOrEqual(burst + (stretch * perMinute) / 60_000 + 1e-9);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('when a device stays within its rate, then it is never refused', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 500, max: 60_000 }), { minLength: 1, maxLength: 500 }), (gaps) => {
        const limit = createDeviceRateLimit(DEFAULTS);
        let at = T0;
        for (const gap of gaps) {
          at += gap;
          expect(limit.tryTake('d', at)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('when a device keeps sending over its rate, then it is flooding at the burst-th refusal within a minute, and not before', () => {
    const limit = createDeviceRateLimit(DEFAULTS);
    for (let i = 0; i < 60; i++) limit.tryTake('d', T0);
    const refusals = Array.from({ length: 60 }, () => limit.refuse('d', T0));
    expect(refusals.slice(0, 59).every((r) => !r.flooding)).toBe(true);
    expect(refusals[59]).toMatchObject({ flooding: true, refusedInWindow: 60 });
  });

  it('when refusals go on, then only the first refusal of each minute asks for a log line, and the next one reports the count before it', () => {
    const limit = createDeviceRateLimit({ ...DEFAULTS, disconnectAfterRefused: 1_000_000 });
    const log = sendSteadily(limit, 'd', 10, 150);
    const logLines = log.filter((m) => m.firstInWindow).map((m) => m.at);
    expect(log.filter((m) => !m.admitted).length).toBeGreaterThan(1000);
    expect(logLines).toHaveLength(3);
    for (let i = 1; i < logLines.length; i++) expect(logLines[i]! - logLines[i - 1]!).toBeGreaterThanOrEqual(REFUSAL_WINDOW_MS);
    for (let i = 1; i < logLines.length; i++) expect(logLines[i]! - logLines[i - 1]!).toBeLessThan(REFUSAL_WINDOW_MS + 1000);
    const second = limit.refuse('d', logLines[2]! + REFUSAL_WINDOW_MS);
    const refusedInLastWindow = log.filter((m) => !m.admitted && m.at >= logLines[2]!).length;
    expect(second).toMatchObject({ firstInWindow: true, refusedInPreviousWindow: refusedInLastWindow });
  });

  it('when a device slightly over its rate is refused now and then, then it is throttled but never flooding', () => {
    const limit = createDeviceRateLimit(DEFAULTS);
    // 130 a minute against 120 allowed: about 10 refusals a minute once the burst is spent.
    const log = sendSteadily(limit, 'd', 130 / 60, 600);
    expect(log.filter((m) => !m.admitted).length).toBeGreaterThan(0);
    expect(log.some((m) => m.flooding)).toBe(false);
  });

  it('when a device floods at 100× the simulated watch (a vitals reading every 10 s, ≈ 10 msg/s), then it is throttled after about 7.4 s and flooding after about 15 s', () => {
    const limit = createDeviceRateLimit(DEFAULTS);
    const log = sendSteadily(limit, 'flooder', 10, 30);
    const firstRefused = log.find((m) => !m.admitted)!;
    const flooding = log.find((m) => m.flooding)!;
    // 60 tokens drained at 10 − 2 = 8 a second (the 75th message finds less than one); then 60 refusals at 8 a second.
    expect(firstRefused.at - T0).toBe(7_400);
    expect((flooding.at - T0) / 1000).toBeCloseTo(14.9, 0);
    const admittedBeforeCut = log.filter((m) => m.admitted && m.at <= flooding.at).length;
    console.info(`[rate-limit] 10 msg/s flooder, defaults 120/min burst 60: first refusal at ${(firstRefused.at - T0) / 1000} s, flooding at ${(flooding.at - T0) / 1000} s, ${admittedBeforeCut} admitted before the cut`);
  });

  it('when the clock steps back, then no tokens are minted and the refill goes on from the new time', () => {
    const limit = createDeviceRateLimit(DEFAULTS);
    for (let i = 0; i < 60; i++) limit.tryTake('d', T0);
    expect(limit.tryTake('d', T0 - 3600_000)).toBe(false);
    expect(limit.tryTake('d', T0 - 3600_000 + 500)).toBe(true);
    // A refusal window that "starts in the future" is over: the next refusal opens a new one.
    limit.refuse('d', T0);
    expect(limit.refuse('d', T0 - 10_000).firstInWindow).toBe(true);
  });

  it('when a refusal window ends, then the refusal count starts again and a reconnected flooder gets a fresh minute', () => {
    const limit = createDeviceRateLimit(DEFAULTS);
    for (let i = 0; i < 59; i++) limit.refuse('d', T0);
    expect(limit.refuse('d', T0 + REFUSAL_WINDOW_MS - 1).flooding).toBe(true);
    expect(limit.refuse('d', T0 + REFUSAL_WINDOW_MS)).toMatchObject({ firstInWindow: true, refusedInWindow: 1, flooding: false });
  });

  it('when devices go quiet, then their state is dropped within two minutes, so memory follows the devices sending now', () => {
    const limit = createDeviceRateLimit(DEFAULTS);
    for (let i = 0; i < 10_000; i++) limit.tryTake(`d-${i}`, T0);
    expect(limit.trackedDevices).toBe(10_000);
    limit.tryTake('still-sending', T0 + 2 * 60_000);
    expect(limit.trackedDevices).toBe(1);
  });

  it('when a device is flooding but a refusal window is open, then its state is kept across the sweep', () => {
    const limit = createDeviceRateLimit(DEFAULTS);
    for (let i = 0; i < 60; i++) limit.tryTake('flooder', T0);
    limit.refuse('flooder', T0 + 59_000);
    limit.tryTake('other', T0 + 61_000);
    expect(limit.trackedDevices).toBe(2);
  });
});

describe('life-safety messages', () => {
  const ts = T0;
  const exempt: Array<[DeviceKind, string, Record<string, unknown>]> = [
    ['call_button', 'sos', {}],
    ['wearable', 'sos', {}],
    ['wearable', 'fall', {}],
    ['camera', 'fall', { room: '203', confidence: 0.1 }],
    ['smoke_detector', 'smoke', {}],
    ['gas_detector', 'gas', { ppm: 900 }],
  ];

  it.each(exempt)('when a %s sends %s, then it is life-safety and never refused for the rate', (kind, type, fields) => {
    const parsed = parseDeviceMessage(kind, 'events', { msgId: 'm1', ts, type, ...fields });
    expect(parsed.ok && isLifeSafetyMessage(parsed.message)).toBe(true);
  });

  it('when any other message type of any kind is sent, then it is not life-safety', () => {
    const routine = [
      parseDeviceMessage('call_button', 'events', { msgId: 'm', ts, type: 'cancel' }),
      parseDeviceMessage('call_button', 'events', { msgId: 'm', ts, type: 'service_request' }),
      parseDeviceMessage('wearable', 'telemetry', { msgId: 'm', ts, type: 'vitals', heartRate: 30 }),
      parseDeviceMessage('camera', 'events', { msgId: 'm', ts, type: 'wandering', room: '1', confidence: 1 }),
      parseDeviceMessage('water_leak_sensor', 'events', { msgId: 'm', ts, type: 'water_leak' }),
      parseDeviceMessage('smoke_detector', 'events', { msgId: 'm', ts, type: 'smoke_clear' }),
      parseDeviceMessage('gas_detector', 'status', { msgId: 'm', ts, type: 'heartbeat' }),
      parseDeviceMessage('door_sensor', 'events', { msgId: 'm', ts, type: 'door_open' }),
    ];
    for (const parsed of routine) expect(parsed.ok && isLifeSafetyMessage(parsed.message)).toBe(false);
  });

  it('when every kind is considered, then the kinds that can send a life-safety event are exactly those that alarm for life', () => {
    const canAlarm = DEVICE_KINDS.filter((kind) =>
      ['sos', 'fall', 'smoke', 'gas'].some((type) => {
        const fields = kind === 'camera' ? { room: 'r', confidence: 1 } : {};
        const parsed = parseDeviceMessage(kind, 'events', { msgId: 'm', ts, type, ...fields });
        return parsed.ok && isLifeSafetyMessage(parsed.message);
      }),
    );
    expect(canAlarm).toEqual(['call_button', 'wearable', 'camera', 'smoke_detector', 'gas_detector']);
    expect(Object.keys(MESSAGE_SCHEMAS)).toHaveLength(DEVICE_KINDS.length);
  });
});
