import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VISIT_FREQUENCIES } from '../../../schemas/index.js';
import { periodAt, rangeOf } from '../../../gateway/src/core/visits/periods.js';

// Visit periods on the local calendar: China is UTC+8, so 2026-12-31T16:00Z is already 1 January 2027 there.

const CHINA = 480;
const at = (iso: string): number => Date.parse(iso);
const DAY = 86_400_000;

describe('visit periods, local time', () => {
  it.each([
    // month, quarter and year ends, each side of local midnight
    ['monthly', '2026-11-30T15:59:59.999Z', '2026-11', '2026-10-31T16:00:00.000Z', '2026-11-30T16:00:00.000Z'],
    ['monthly', '2026-11-30T16:00:00.000Z', '2026-12', '2026-11-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z'],
    ['monthly', '2026-12-31T16:00:00.000Z', '2027-01', '2026-12-31T16:00:00.000Z', '2027-01-31T16:00:00.000Z'],
    ['monthly', '2028-02-10T00:00:00.000Z', '2028-02', '2028-01-31T16:00:00.000Z', '2028-02-29T16:00:00.000Z'],
    ['quarterly', '2026-09-30T15:59:59.999Z', '2026-Q3', '2026-06-30T16:00:00.000Z', '2026-09-30T16:00:00.000Z'],
    ['quarterly', '2026-09-30T16:00:00.000Z', '2026-Q4', '2026-09-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z'],
    ['quarterly', '2026-12-31T16:00:00.000Z', '2027-Q1', '2026-12-31T16:00:00.000Z', '2027-03-31T16:00:00.000Z'],
    // ISO weeks: Monday 00:00 local; 1 January 2027 (a Friday) lies in 2026's 53rd week
    ['weekly', '2026-12-07T03:00:00.000Z', '2026-W50', '2026-12-06T16:00:00.000Z', '2026-12-13T16:00:00.000Z'],
    ['weekly', '2026-12-06T15:59:59.999Z', '2026-W49', '2026-11-29T16:00:00.000Z', '2026-12-06T16:00:00.000Z'],
    ['weekly', '2026-12-31T16:00:00.000Z', '2026-W53', '2026-12-27T16:00:00.000Z', '2027-01-03T16:00:00.000Z'],
    ['weekly', '2027-01-03T16:00:00.000Z', '2027-W01', '2027-01-03T16:00:00.000Z', '2027-01-10T16:00:00.000Z'],
    ['weekly', '2024-12-30T00:00:00.000Z', '2025-W01', '2024-12-29T16:00:00.000Z', '2025-01-05T16:00:00.000Z'],
    // fortnights: 14-day blocks from Monday 1 January 2024, numbered within the year their Monday is in
    ['fortnightly', '2024-01-01T00:00:00.000Z', '2024-F01', '2023-12-31T16:00:00.000Z', '2024-01-14T16:00:00.000Z'],
    ['fortnightly', '2024-01-14T16:00:00.000Z', '2024-F02', '2024-01-14T16:00:00.000Z', '2024-01-28T16:00:00.000Z'],
    ['fortnightly', '2025-01-01T00:00:00.000Z', '2024-F27', '2024-12-29T16:00:00.000Z', '2025-01-12T16:00:00.000Z'],
    ['fortnightly', '2025-01-12T16:00:00.000Z', '2025-F01', '2025-01-12T16:00:00.000Z', '2025-01-26T16:00:00.000Z'],
    ['fortnightly', '2023-12-31T15:59:59.999Z', '2023-F26', '2023-12-17T16:00:00.000Z', '2023-12-31T16:00:00.000Z'],
  ] as const)('when it is %s at %s, then the period is %s from %s to %s', (frequency, iso, key, start, end) => {
    expect(periodAt(frequency, at(iso), CHINA)).toEqual({ key, startAt: at(start), endAt: at(end) });
  });

  it('when the offset is UTC, then the same instant may fall in the previous local period', () => {
    expect(periodAt('monthly', at('2026-11-30T16:00:00.000Z'), 0).key).toBe('2026-11');
    expect(periodAt('monthly', at('2026-11-30T16:00:00.000Z'), CHINA).key).toBe('2026-12');
  });

  it('when any instant of 2023–2031 is taken, then its period holds it, starts at local midnight, and the next period starts where it ends with another key', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: at('2023-01-01T00:00:00Z'), max: at('2031-12-31T00:00:00Z') }),
        fc.constantFrom(...VISIT_FREQUENCIES),
        fc.constantFrom(CHINA, 0, -300, 330),
        (instant, frequency, offset) => {
          const p = periodAt(frequency, instant, offset);
          expect(p.startAt).toBeLessThanOrEqual(instant);
          expect(p.endAt).toBeGreaterThan(instant);
          expect((p.startAt + offset * 60_000) % DAY).toBe(0);
          expect(periodAt(frequency, p.startAt, offset)).toEqual(p);
          expect(periodAt(frequency, p.endAt - 1, offset)).toEqual(p);
          const next = periodAt(frequency, p.endAt, offset);
          expect(next.startAt).toBe(p.endAt);
          expect(next.key).not.toBe(p.key);
          if (frequency === 'weekly') expect(p.endAt - p.startAt).toBe(7 * DAY);
          if (frequency === 'fortnightly') expect(p.endAt - p.startAt).toBe(14 * DAY);
          if (frequency === 'weekly' || frequency === 'fortnightly') expect(new Date(p.startAt + offset * 60_000).getUTCDay()).toBe(1);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('when the fortnights of 2024–2030 are walked, then each key is used once', () => {
    const keys = new Set<string>();
    for (let t = at('2024-01-01T00:00:00Z'); t < at('2031-01-01T00:00:00Z'); t = periodAt('fortnightly', t, CHINA).endAt) {
      const key = periodAt('fortnightly', t, CHINA).key;
      expect(keys.has(key)).toBe(false);
      keys.add(key);
    }
    expect(keys.size).toBeGreaterThan(180);
  });

  it('when a report asks for a month or a quarter, then the range is its local start to the next one', () => {
    expect(rangeOf('2026-12', CHINA)).toEqual({ from: at('2026-11-30T16:00:00.000Z'), to: at('2026-12-31T16:00:00.000Z') });
    expect(rangeOf('2026-Q4', CHINA)).toEqual({ from: at('2026-09-30T16:00:00.000Z'), to: at('2026-12-31T16:00:00.000Z') });
    expect(() => rangeOf('2026-W50', CHINA)).toThrow(/not a month or quarter/);
  });
});
