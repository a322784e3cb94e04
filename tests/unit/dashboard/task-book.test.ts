import { describe, expect, it } from 'vitest';
import { compareTasks, isOverdue, TaskBook } from '../../../dashboard/src/model/task-book.js';
import { aTask } from './fixtures.js';

// The desk's tasks: the work-list order, snapshots and live events, replies to the desk's own actions, and the
// tasks finished while the page was open, kept for the board's last column.

const NOW = Date.parse('2025-03-01T12:00:00.000Z');
const hour = (h: number) => new Date(NOW + h * 3_600_000).toISOString();

describe('task book: work-list order', () => {
  it('when a task is due before now, then it is overdue; due later or without a due time, it is not', () => {
    expect(isOverdue(aTask({ id: 't', dueAt: hour(-1) }), NOW)).toBe(true);
    expect(isOverdue(aTask({ id: 't', dueAt: hour(0) }), NOW)).toBe(false);
    expect(isOverdue(aTask({ id: 't', dueAt: hour(1) }), NOW)).toBe(false);
    expect(isOverdue(aTask({ id: 't', dueAt: null }), NOW)).toBe(false);
  });

  it('when tasks are sorted, then overdue ones come first, then the oldest created', () => {
    const book = new TaskBook();
    book.replace([
      aTask({ id: 'new-no-due', createdAt: hour(-1) }),
      aTask({ id: 'overdue-new', createdAt: hour(-2), dueAt: hour(-1) }),
      aTask({ id: 'old-due-later', createdAt: hour(-10), dueAt: hour(5) }),
      aTask({ id: 'overdue-old', createdAt: hour(-8), dueAt: hour(-6) }),
    ]);
    expect(book.openSorted(NOW).map((t) => t.id)).toEqual(['overdue-old', 'overdue-new', 'old-due-later', 'new-no-due']);
    // later, the task due in five hours is overdue too
    expect(book.openSorted(Date.parse(hour(6))).map((t) => t.id)).toEqual(['old-due-later', 'overdue-old', 'overdue-new', 'new-no-due']);
  });

  it('when two tasks are alike but for the id, then the order is still fixed', () => {
    expect(compareTasks(aTask({ id: 'a' }), aTask({ id: 'b' }), NOW)).toBeLessThan(0);
    expect(compareTasks(aTask({ id: 'b' }), aTask({ id: 'a' }), NOW)).toBeGreaterThan(0);
  });
});

describe('task book: snapshots and live events', () => {
  it('when a snapshot comes, then it lists every open task and drops those it does not list', () => {
    const book = new TaskBook();
    book.upsert(aTask({ id: 'gone' }));
    book.replace([aTask({ id: 'kept', status: 'assigned' }), { id: 'junk' }, null]);
    expect(book.openSorted(NOW).map((t) => t.id)).toEqual(['kept']);
    expect(book.get('gone')).toBeUndefined();
  });

  it('when a task is done or cancelled, then it leaves the open list and is kept as finished, newest first', () => {
    const book = new TaskBook();
    book.replace([aTask({ id: 'a' }), aTask({ id: 'b' }), aTask({ id: 'c' })]);
    book.upsert(aTask({ id: 'b', status: 'done', completedAt: hour(0) }));
    book.upsert(aTask({ id: 'a', status: 'cancelled', completedAt: hour(1) }));
    expect(book.openSorted(NOW).map((t) => t.id)).toEqual(['c']);
    expect(book.finishedRecent().map((t) => t.id)).toEqual(['a', 'b']);
  });

  it('when a snapshot comes after tasks were finished, then the finished ones are still kept for the board', () => {
    const book = new TaskBook();
    book.upsert(aTask({ id: 'a', status: 'done', completedAt: hour(0) }));
    book.replace([]);
    expect(book.finishedRecent().map((t) => t.id)).toEqual(['a']);
  });

  it('when a late event or snapshot says open for a task seen finished, then it stays finished', () => {
    const book = new TaskBook();
    book.upsert(aTask({ id: 'a', status: 'done', completedAt: hour(0) }));
    book.upsert(aTask({ id: 'a', status: 'accepted' }));
    book.replace([aTask({ id: 'a', status: 'open' })]);
    expect(book.get('a')?.status).toBe('done');
    expect(book.openSorted(NOW)).toEqual([]);
  });

  it('when a finished task is told finished again, then it is kept once, as the newest', () => {
    const book = new TaskBook();
    book.upsert(aTask({ id: 'a', status: 'done', completedAt: hour(0) }));
    book.upsert(aTask({ id: 'b', status: 'done', completedAt: hour(1) }));
    book.upsert(aTask({ id: 'a', status: 'done', completedAt: hour(0), note: 'noted later' }));
    expect(book.finishedRecent().map((t) => [t.id, t.note])).toEqual([
      ['a', 'noted later'],
      ['b', null],
    ]);
  });

  it('when more than 500 tasks were finished, then the first finished is forgotten', () => {
    const book = new TaskBook();
    for (let i = 0; i <= 500; i += 1) book.upsert(aTask({ id: `t${i}`, status: 'done', completedAt: hour(0) }));
    expect(book.finishedRecent()).toHaveLength(500);
    expect(book.get('t0')).toBeUndefined();
    expect(book.get('t1')?.status).toBe('done');
  });

  it('when the book is cleared, then nothing of the session is left', () => {
    const book = new TaskBook();
    book.upsert(aTask({ id: 'a' }));
    book.upsert(aTask({ id: 'b', status: 'done', completedAt: hour(0) }));
    book.clear();
    expect([book.openSorted(NOW), book.finishedRecent(), book.version('a')]).toEqual([[], [], 0]);
  });
});

describe('task book: replies to the desk actions', () => {
  it('when no live event came while the request was under way, then the reply is applied', () => {
    const book = new TaskBook();
    book.upsert(aTask({ id: 'a' }));
    const since = book.version('a');
    expect(book.applyReply(aTask({ id: 'a', status: 'assigned', assignee: { id: 'u-1', displayName: '张' } }), since)).toBe(true);
    expect(book.get('a')?.status).toBe('assigned');
    expect(book.version('a')).toBe(since);
  });

  it('when a live event came meanwhile, then the reply is dropped and the event stands', () => {
    const book = new TaskBook();
    book.upsert(aTask({ id: 'a' }));
    const since = book.version('a');
    book.upsert(aTask({ id: 'a', status: 'accepted' }));
    expect(book.applyReply(aTask({ id: 'a', status: 'assigned' }), since)).toBe(false);
    expect(book.get('a')?.status).toBe('accepted');
  });

  it('when the task was seen finished, then a reply never reopens it', () => {
    const book = new TaskBook();
    book.upsert(aTask({ id: 'a' }));
    const since = book.version('a');
    book.upsert(aTask({ id: 'a', status: 'cancelled', completedAt: hour(0) }));
    expect(book.applyReply(aTask({ id: 'a', status: 'assigned' }), since)).toBe(false);
    expect(book.get('a')?.status).toBe('cancelled');
  });

  it('when the reply is for a task the book does not have (the desk just created it), then it is applied', () => {
    const book = new TaskBook();
    expect(book.applyReply(aTask({ id: 'created' }), 0)).toBe(true);
    expect(book.openSorted(NOW).map((t) => t.id)).toEqual(['created']);
    expect(book.applyReply({ id: 'x', status: 'weird' })).toBe(false);
  });

  it('when the reply finishes the task, then it goes to the finished list', () => {
    const book = new TaskBook();
    book.upsert(aTask({ id: 'a', status: 'accepted' }));
    expect(book.applyReply(aTask({ id: 'a', status: 'done', completedAt: hour(0), outcome: 'fixed' }), book.version('a'))).toBe(true);
    expect(book.finishedRecent().map((t) => t.id)).toEqual(['a']);
    expect(book.openSorted(NOW)).toEqual([]);
  });
});
