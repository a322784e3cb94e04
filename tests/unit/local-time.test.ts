import { describe, expect, it } from 'vitest';
import { isWithinWindow, localMinuteOfDay, minutesOfClock, windowedDueAt } from '../../gateway/src/core/local-time.js';

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
  it.each([
    { name: '10:00 in China', at: local(0, 10), offset: CHINA, expected: 600 },
    { name: 'the same instant in UTC', at: local(0, 10), offset: 0, expected: 120 },
    { name: 'just after local midnight while UTC is still on the day before', at: local(1, 0, 5), offset: CHINA, expected: 5 },
    { name: 'a negative offset that crosses back a day', at: Date.UTC(2026, 10, 23, 2, 0), offset: -300, expected: 21 * 60 },
    { name: 'seconds are dropped, not rounded', at: local(0, 9, 59, 59), offset: CHINA, expected: 599 },
  ])('when $name, then the local minute is $expected', ({ at, offset, expected }) => {
    expect(localMinuteOfDay(at, offset)).toBe(expected);
  });
});

describe('isWithinWindow', () => {
  it.each([
    { name: 'the start of a daytime window', at: local(0, 7), start: '07:00', end: '21:00', expected: true },
    { name: 'one second before the start', at: local(0, 6, 59, 59), start: '07:00', end: '21:00', expected: false },
    { name: 'one second before the end', at: local(0, 20, 59, 59), start: '07:00', end: '21:00', expected: true },
    { name: 'the end itself (the window is half open)', at: local(0, 21), start: '07:00', end: '21:00', expected: false },
    { name: 'the start of a window crossing midnight', at: local(0, 22), start: '22:00', end: '06:00', expected: true },
    { name: 'after midnight in a window crossing it', at: local(1, 3), start: '22:00', end: '06:00', expected: true },
    { name: 'the end of a window crossing midnight', at: local(1, 6), start: '22:00', end: '06:00', expected: false },
    { name: 'midday against a night window', at: local(0, 12), start: '22:00', end: '06:00', expected: false },
    { name: 'a window whose start equals its end (all day)', at: local(0, 3), start: '00:00', end: '00:00', expected: true },
  ])('when $name, then within is $expected', ({ at, start, end, expected }) => {
    expect(isWithinWindow(at, start, end, CHINA)).toBe(expected);
  });
});

describe('windowedDueAt', () => {
  it.each([
    { name: 'motion at 10:00 with 4 h of daytime left', since: local(0, 10), hours: 4, start: '07:00', end: '21:00', due: local(0, 14) },
    { name: 'motion at 19:00 with only 2 h of daytime left', since: local(0, 19), hours: 4, start: '07:00', end: '21:00', due: local(1, 9) },
    { name: 'the duration ending exactly at the end of the window', since: local(0, 17), hours: 4, start: '07:00', end: '21:00', due: local(0, 21) },
    { name: 'the clock starting at night', since: local(0, 22), hours: 4, start: '07:00', end: '21:00', due: local(1, 11) },
    { name: 'the clock starting early in the morning', since: local(0, 5), hours: 4, start: '07:00', end: '21:00', due: local(0, 11) },
    { name: 'a duration longer than one window', since: local(0, 7), hours: 20, start: '07:00', end: '21:00', due: local(1, 13) },
    { name: 'seconds in the start time', since: local(0, 19, 0, 30), hours: 4, start: '07:00', end: '21:00', due: local(1, 9, 0, 30) },
    { name: 'a window crossing midnight', since: local(0, 23), hours: 4, start: '22:00', end: '06:00', due: local(1, 3) },
    { name: 'a window crossing midnight, continued the next night', since: local(1, 5), hours: 2, start: '22:00', end: '06:00', due: local(1, 23) },
    { name: 'an all-day window', since: local(0, 19), hours: 4, start: '00:00', end: '00:00', due: local(0, 23) },
  ])('when $name, then it is due at the expected local time', ({ since, hours, start, end, due }) => {
    expect(windowedDueAt(since, hours * HOUR, start, end, CHINA)).toBe(due);
  });
});
