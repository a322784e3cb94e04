import { describe, expect, it } from 'vitest';
import { named } from '../support/elder-state.js';
import { isWithinWindow, localMinuteOfDay, minutesOfClock, windowedDueAt } from '../../gateway/src/core/local-time.js';

/** Table rows titled by `name`: vitest quotes and cuts `$name` at 40 characters, `%s` prints it whole. */

// China time (UTC+8). `local(day, h, m, s)` is that wall-clock time on 23 Nov 2026 plus `day` days.

const CHINA = 480;
const HOUR = 3_600_000;
const local = (day: number, h: number, m = 0, s = 0): number => Date.UTC(2026, 10, 23 + day, h - 8, m, s);

describe('minutesOfClock', () => {
  it.each([
    ['00:00', 0],
    ['07:30', 450],
    ['21:00', 1260],
    ['23:59', 1439],
  ])('when the clock reads %s, then it is %i minutes after midnight', (clock, minutes) => {
    expect(minutesOfClock(clock)).toBe(minutes);
  });
});

describe('localMinuteOfDay', () => {
  it.each(named([
    { name: '10:00 in China, then it is minute 600', at: local(0, 10), offset: CHINA, expected: 600 },
    { name: 'the same instant in UTC, then it is minute 120', at: local(0, 10), offset: 0, expected: 120 },
    { name: 'just after local midnight while UTC is still on the day before, then it is minute 5', at: local(1, 0, 5), offset: CHINA, expected: 5 },
    { name: 'a negative offset that crosses back a day, then it is minute 1260', at: Date.UTC(2026, 10, 23, 2, 0), offset: -300, expected: 21 * 60 },
    { name: 'seconds are dropped, not rounded, then it is minute 599', at: local(0, 9, 59, 59), offset: CHINA, expected: 599 },
  ]))('when %s', (_name, { at, offset, expected }) => {
    expect(localMinuteOfDay(at, offset)).toBe(expected);
  });
});

describe('isWithinWindow', () => {
  it.each(named([
    { name: 'the start of a daytime window, then within is true', at: local(0, 7), start: '07:00', end: '21:00', expected: true },
    { name: 'one second before the start, then within is false', at: local(0, 6, 59, 59), start: '07:00', end: '21:00', expected: false },
    { name: 'one second before the end, then within is true', at: local(0, 20, 59, 59), start: '07:00', end: '21:00', expected: true },
    { name: 'the end itself (the window is half open), then within is false', at: local(0, 21), start: '07:00', end: '21:00', expected: false },
    { name: 'the start of a window crossing midnight, then within is true', at: local(0, 22), start: '22:00', end: '06:00', expected: true },
    { name: 'after midnight in a window crossing it, then within is true', at: local(1, 3), start: '22:00', end: '06:00', expected: true },
    { name: 'the end of a window crossing midnight, then within is false', at: local(1, 6), start: '22:00', end: '06:00', expected: false },
    { name: 'midday against a night window, then within is false', at: local(0, 12), start: '22:00', end: '06:00', expected: false },
    { name: 'a window whose start equals its end (all day), then within is true', at: local(0, 3), start: '00:00', end: '00:00', expected: true },
  ]))('when %s', (_name, { at, start, end, expected }) => {
    expect(isWithinWindow(at, start, end, CHINA)).toBe(expected);
  });
});

describe('windowedDueAt', () => {
  it.each(named([
    { name: 'motion at 10:00 with 4 h of daytime left, then it is due at 14:00', since: local(0, 10), hours: 4, start: '07:00', end: '21:00', due: local(0, 14) },
    { name: 'motion at 19:00 with only 2 h of daytime left, then it is due at 09:00 the next day', since: local(0, 19), hours: 4, start: '07:00', end: '21:00', due: local(1, 9) },
    { name: 'the duration ending exactly at the end of the window, then it is due at 21:00', since: local(0, 17), hours: 4, start: '07:00', end: '21:00', due: local(0, 21) },
    { name: 'the clock starting at night, then it is due at 11:00 the next day', since: local(0, 22), hours: 4, start: '07:00', end: '21:00', due: local(1, 11) },
    { name: 'the clock starting early in the morning, then it is due at 11:00', since: local(0, 5), hours: 4, start: '07:00', end: '21:00', due: local(0, 11) },
    { name: 'a duration longer than one window, then it is due at 13:00 the next day', since: local(0, 7), hours: 20, start: '07:00', end: '21:00', due: local(1, 13) },
    { name: 'seconds in the start time, then it is due at 09:00:30 the next day', since: local(0, 19, 0, 30), hours: 4, start: '07:00', end: '21:00', due: local(1, 9, 0, 30) },
    { name: 'a window crossing midnight, then it is due at 03:00 the next day', since: local(0, 23), hours: 4, start: '22:00', end: '06:00', due: local(1, 3) },
    { name: 'a night window and a clock started at 05:00, then it is due at 23:00 that evening', since: local(1, 5), hours: 2, start: '22:00', end: '06:00', due: local(1, 23) },
    { name: 'an all-day window, then it is due at 23:00', since: local(0, 19), hours: 4, start: '00:00', end: '00:00', due: local(0, 23) },
  ]))('when %s', (_name, { since, hours, start, end, due }) => {
    expect(windowedDueAt(since, hours * HOUR, start, end, CHINA)).toBe(due);
  });
});
