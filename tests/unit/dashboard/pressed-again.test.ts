import { describe, expect, it } from 'vitest';
import { pressedAgainWhileHeld } from '../../../dashboard/src/model/alert-book.js';
import { anAlert } from './fixtures.js';

// When the desk hears an alert it held come back: only for a new press (the count rose as the hold ended), not when
// the hold simply ran out or the desk resolved it.

const HELD = anAlert({ id: 'a-1', status: 'on_hold', acknowledgedAt: '2025-03-01T08:01:00.000Z', holdUntil: '2025-03-01T08:31:00.000Z', count: 1 });

describe('pressed again while held', () => {
  // [situation, heard, before, after]
  it.each<[string, boolean, typeof HELD | undefined, typeof HELD]>([
    ['a new press ended the hold', true, HELD, { ...HELD, status: 'acknowledged', holdUntil: null, count: 2 }],
    ['the hold ran out with no press', false, HELD, { ...HELD, status: 'acknowledged', holdUntil: null }],
    ['the desk resolved the held alert', false, HELD, { ...HELD, status: 'resolved', count: 2 }],
    ['the alert was not on hold', false, { ...HELD, status: 'acknowledged' }, { ...HELD, status: 'acknowledged', count: 2 }],
    ['the desk had not seen the alert yet', false, undefined, { ...HELD, status: 'acknowledged', count: 2 }],
  ])('when %s, then the desk hears it: %s', (_situation, heard, before, after) => {
    expect(pressedAgainWhileHeld(before, after)).toBe(heard);
  });
});
