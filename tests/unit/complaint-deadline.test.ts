import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closedInTime, complaintDueAt, isComplaintOverdue } from '../../gateway/src/core/calls/complaint-deadline.js';
import { DAY } from '../../gateway/src/core/time-units.js';

// A complaint's handling deadline with time as a parameter: when it falls, when the complaint is overdue, and
// whether it was closed in time.

const createdAt = Date.parse('2026-03-02T09:30:00+08:00');
const dueAt = complaintDueAt(createdAt, 5);

describe('complaint deadline', () => {
  it('when a complaint is recorded with 5 handling days, then it is due exactly 5 days later', () => {
    expect(new Date(dueAt).toISOString()).toBe('2026-03-07T01:30:00.000Z');
  });

  it('when the handling days are fractional, then the deadline is that many days to the millisecond', () => {
    expect(complaintDueAt(createdAt, 0.5) - createdAt).toBe(DAY / 2);
  });

  it('when the handling days are zero or negative, then no deadline is made', () => {
    expect(() => complaintDueAt(createdAt, 0)).toThrow(RangeError);
    expect(() => complaintDueAt(createdAt, -1)).toThrow(RangeError);
  });

  it('when the deadline has not passed, then an open complaint is not overdue, also at the deadline itself', () => {
    expect(isComplaintOverdue({ status: 'open', dueAt, closedAt: null }, dueAt - 1)).toBe(false);
    expect(isComplaintOverdue({ status: 'open', dueAt, closedAt: null }, dueAt)).toBe(false);
  });

  it('when the deadline has passed, then an open or answered complaint is overdue and a closed one is not', () => {
    const later = dueAt + 1;
    expect(isComplaintOverdue({ status: 'open', dueAt, closedAt: null }, later)).toBe(true);
    expect(isComplaintOverdue({ status: 'answered', dueAt, closedAt: null }, later)).toBe(true);
    expect(isComplaintOverdue({ status: 'closed', dueAt, closedAt: dueAt - 10 }, later)).toBe(false);
    expect(isComplaintOverdue({ status: 'closed', dueAt, closedAt: later + 10 }, later + DAY)).toBe(false);
  });

  it('when a complaint is closed at or before its deadline, then it was closed in time; after it, not', () => {
    expect(closedInTime({ status: 'closed', dueAt, closedAt: dueAt })).toBe(true);
    expect(closedInTime({ status: 'closed', dueAt, closedAt: createdAt + DAY })).toBe(true);
    expect(closedInTime({ status: 'closed', dueAt, closedAt: dueAt + 1 })).toBe(false);
    expect(closedInTime({ status: 'answered', dueAt, closedAt: null })).toBe(false);
  });

  it('when any moment is taken, then an unclosed complaint is overdue exactly when closing it then would not be in time', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4e12 }), fc.double({ min: 0.01, max: 60, noNaN: true }), fc.integer({ min: -30 * DAY, max: 90 * DAY }), (created, days, offset) => {
        const due = complaintDueAt(created, days);
        const now = created + offset;
        const overdue = isComplaintOverdue({ status: 'answered', dueAt: due, closedAt: null }, now);
        const inTime = closedInTime({ status: 'closed', dueAt: due, closedAt: now });
        expect(overdue).toBe(!inTime);
        expect(due).toBeGreaterThan(created);
      }),
    );
  });
});
