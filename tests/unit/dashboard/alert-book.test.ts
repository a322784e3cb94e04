import { describe, expect, it } from 'vitest';
import { AlertBook, closedAt, compareOpen } from '../../../dashboard/src/model/alert-book.js';
import { anAlert } from './fixtures.js';

// The desk's alerts: queue order, snapshots and live events, replies to the desk's own actions, and the replay of
// events that arrived while a snapshot was on its way.

const minute = (m: number) => new Date(Date.parse('2025-03-01T08:00:00.000Z') + m * 60_000).toISOString();
const responder = { id: 'u-7', displayName: '李医生' };

describe('alert book: queue order', () => {
  it('when alerts differ in priority, state, hold and age, then life-safety first, unacknowledged first, oldest first, held last', () => {
    const book = new AlertBook();
    book.replace([
      anAlert({ id: 'p3-old', priority: 3, raisedAt: minute(0) }),
      anAlert({ id: 'p1-held', priority: 1, status: 'on_hold', raisedAt: minute(0) }),
      anAlert({ id: 'p1-acked-old', priority: 1, status: 'acknowledged', raisedAt: minute(1) }),
      anAlert({ id: 'p1-raised-new', priority: 1, raisedAt: minute(9) }),
      anAlert({ id: 'p1-raised-old', priority: 1, raisedAt: minute(2) }),
      anAlert({ id: 'p2-raised', priority: 2, raisedAt: minute(3) }),
      anAlert({ id: 'p1-on-site', priority: 1, status: 'on_site', raisedAt: minute(0) }),
    ]);
    expect(book.openSorted().map((a) => a.id)).toEqual(['p1-raised-old', 'p1-raised-new', 'p1-on-site', 'p1-acked-old', 'p2-raised', 'p3-old', 'p1-held']);
  });

  it('when two alerts are alike in everything but id, then the order is still fixed', () => {
    const a = anAlert({ id: 'a' });
    const b = anAlert({ id: 'b' });
    expect(compareOpen(a, b)).toBeLessThan(0);
    expect(compareOpen(b, a)).toBeGreaterThan(0);
  });

  it('when alerts are closed, then they are listed newest closed first, whichever way they closed', () => {
    const book = new AlertBook();
    book.upsert(anAlert({ id: 'resolved', status: 'resolved', resolvedAt: minute(5) }));
    book.upsert(anAlert({ id: 'cancelled', status: 'cancelled', cancelledAt: minute(9) }));
    book.upsert(anAlert({ id: 'cleared', status: 'cleared', clearedAt: minute(1) }));
    expect(book.closedSorted().map((a) => a.id)).toEqual(['cancelled', 'resolved', 'cleared']);
    expect(closedAt(anAlert({ id: 'x', status: 'cleared', lastSeenAt: minute(4) }))).toBe(minute(4));
  });

  it('when more than 30 alerts were closed this session, then the oldest closed is forgotten', () => {
    const book = new AlertBook();
    for (let i = 0; i <= 30; i += 1) book.upsert(anAlert({ id: `c${i}`, status: 'resolved', resolvedAt: minute(i), assignee: responder }));
    const closed = book.closedSorted();
    expect(closed).toHaveLength(30);
    expect(book.get('c0')).toBeUndefined();
    expect(book.version('c0')).toBe(0);
    expect(closed.at(-1)?.id).toBe('c1');
  });
});

describe('alert book: snapshots and live events', () => {
  it('when a snapshot comes, then it is the whole truth about open alerts and closed ones seen stay', () => {
    const book = new AlertBook();
    book.upsert(anAlert({ id: 'gone' }));
    book.upsert(anAlert({ id: 'closed', status: 'false_alarm', resolvedAt: minute(2) }));
    book.replace([anAlert({ id: 'still' })]);
    expect(book.openSorted().map((a) => a.id)).toEqual(['still']);
    expect(book.get('gone')).toBeUndefined();
    expect(book.get('closed')?.status).toBe('false_alarm');
  });

  it('when a snapshot or event is not an alert, then it is skipped', () => {
    const book = new AlertBook();
    book.replace([null, 'x', { id: 'no-status' }, { id: 'odd', status: 'exploded' }, anAlert({ id: 'ok' })]);
    expect(book.openSorted().map((a) => a.id)).toEqual(['ok']);
    expect(book.upsert({ id: 7, status: 'raised' })).toBe(false);
    expect(book.version('ok')).toBe(1);
  });

  it('when a live event comes, then it wins and counts as a new version of the alert', () => {
    const book = new AlertBook();
    book.upsert(anAlert({ id: 'a', count: 3 }));
    expect(book.upsert(anAlert({ id: 'a', status: 'acknowledged', count: 2 }))).toBe(true);
    expect(book.get('a')).toMatchObject({ status: 'acknowledged', count: 2 });
    expect(book.version('a')).toBe(2);
  });

  it('when life-safety alerts are open, then only those raised count for the alarm, held ones and lower priorities not', () => {
    const book = new AlertBook();
    book.replace([
      anAlert({ id: 'a', priority: 1 }),
      anAlert({ id: 'b', priority: 1, test: true }),
      anAlert({ id: 'c', priority: 1, status: 'acknowledged' }),
      anAlert({ id: 'd', priority: 1, status: 'on_hold' }),
      anAlert({ id: 'e', priority: 2 }),
    ]);
    expect(book.unacknowledgedLifeSafety()).toBe(2);
  });

  it('when the alert closes, then the desk still knows which responder went', () => {
    const book = new AlertBook();
    book.upsert(anAlert({ id: 'a', status: 'dispatched', assignee: responder }));
    const closed = anAlert({ id: 'a', status: 'resolved', assignee: null, resolvedAt: minute(30) });
    book.upsert(closed);
    expect(book.assigneeOf(closed)).toEqual(responder);
    expect(book.assigneeOf(anAlert({ id: 'never' }))).toBeNull();
  });

  it('when the book is cleared, then nothing of the session is left', () => {
    const book = new AlertBook();
    book.upsert(anAlert({ id: 'a', assignee: responder }));
    book.upsert(anAlert({ id: 'b', status: 'resolved', resolvedAt: minute(1) }));
    book.clear();
    expect([book.openSorted(), book.closedSorted(), book.version('a'), book.get('a')]).toEqual([[], [], 0, undefined]);
  });
});

describe('alert book: replies to the desk actions', () => {
  it('when no live event came while the request was under way, then the reply is applied', () => {
    const book = new AlertBook();
    book.upsert(anAlert({ id: 'a' }));
    const since = book.version('a');
    expect(book.applyReply(anAlert({ id: 'a', status: 'acknowledged' }), since)).toBe(true);
    expect(book.get('a')?.status).toBe('acknowledged');
    // a reply is not a live event: the version stays
    expect(book.version('a')).toBe(since);
  });

  it('when a live event came meanwhile, then the reply is dropped and the event stands', () => {
    const book = new AlertBook();
    book.upsert(anAlert({ id: 'a' }));
    const since = book.version('a');
    book.upsert(anAlert({ id: 'a', status: 'dispatched', assignee: responder }));
    expect(book.applyReply(anAlert({ id: 'a', status: 'acknowledged' }), since)).toBe(false);
    expect(book.get('a')?.status).toBe('dispatched');
  });

  it('when the alert was seen closed, then a reply never reopens it', () => {
    const book = new AlertBook();
    book.upsert(anAlert({ id: 'a' }));
    const since = book.version('a');
    book.upsert(anAlert({ id: 'a', status: 'cancelled', cancelledAt: minute(1) }));
    expect(book.applyReply(anAlert({ id: 'a', status: 'acknowledged' }), since)).toBe(false);
    expect(book.applyReply(anAlert({ id: 'a', status: 'acknowledged' }))).toBe(false);
    expect(book.get('a')?.status).toBe('cancelled');
  });

  it('when the alert is not in the book yet, then its reply is applied', () => {
    const book = new AlertBook();
    expect(book.applyReply(anAlert({ id: 'new', status: 'acknowledged' }), 0)).toBe(true);
    expect(book.openSorted().map((a) => a.id)).toEqual(['new']);
  });

  it('when the reply closes the alert, then it moves to the closed list', () => {
    const book = new AlertBook();
    book.upsert(anAlert({ id: 'a', status: 'on_site' }));
    expect(book.applyReply(anAlert({ id: 'a', status: 'resolved', resolvedAt: minute(40) }), book.version('a'))).toBe(true);
    expect(book.openSorted()).toEqual([]);
    expect(book.closedSorted().map((a) => a.id)).toEqual(['a']);
  });
});

describe('alert book: events replayed after a snapshot', () => {
  it('when a replayed event says open for an alert the snapshot or a live event closed, then it stays closed', () => {
    const book = new AlertBook();
    book.upsert(anAlert({ id: 'a', status: 'resolved', resolvedAt: minute(5) }));
    book.replace([]);
    expect(book.applyReplayed(anAlert({ id: 'a', status: 'acknowledged' }))).toBe(false);
    expect(book.get('a')?.status).toBe('resolved');
    expect(book.openSorted()).toEqual([]);
  });

  it('when a replayed event closes an alert the snapshot had open, then it is closed', () => {
    const book = new AlertBook();
    book.replace([anAlert({ id: 'a', status: 'acknowledged' })]);
    expect(book.applyReplayed(anAlert({ id: 'a', status: 'false_alarm', resolvedAt: minute(3) }))).toBe(true);
    expect(book.get('a')?.status).toBe('false_alarm');
  });

  it('when a replayed event in the same status has a lower repeat count, then the snapshot count stands', () => {
    const book = new AlertBook();
    book.replace([anAlert({ id: 'a', count: 4 })]);
    expect(book.applyReplayed(anAlert({ id: 'a', count: 2 }))).toBe(false);
    expect(book.get('a')?.count).toBe(4);
    expect(book.applyReplayed(anAlert({ id: 'a', count: 5 }))).toBe(true);
    expect(book.get('a')?.count).toBe(5);
  });

  it('when a replayed event is applied, then it counts as a live version (a reply under way is dropped)', () => {
    const book = new AlertBook();
    book.replace([anAlert({ id: 'a' })]);
    const since = book.version('a');
    book.applyReplayed(anAlert({ id: 'a', status: 'acknowledged' }));
    expect(book.applyReply(anAlert({ id: 'a', status: 'dispatched' }), since)).toBe(false);
  });

  // The count only grows, so an older event in another open status (raised, count 2) replayed over a newer snapshot
  // (acknowledged, count 3) must not put the alert back to raised.
  it('when a replayed event in another open status has a lower repeat count, then the count does not go down', () => {
    const book = new AlertBook();
    book.replace([anAlert({ id: 'a', status: 'acknowledged', count: 3 })]);
    book.applyReplayed(anAlert({ id: 'a', status: 'raised', count: 2 }));
    expect(book.get('a')?.count).toBe(3);
  });
});
