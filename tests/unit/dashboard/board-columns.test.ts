import { describe, expect, it } from 'vitest';
import { columnsOf, COLUMNS, KINDS, localMidnight } from '../../../dashboard/src/desk/tasks/board-columns.js';
import { TaskBook } from '../../../dashboard/src/model/task-book.js';
import { TASK_KINDS } from '../../../schemas/index.js';
import { aTask } from './fixtures.js';

// The tasks board: which column a task stands in, in work-list order (overdue first), narrowed by kind and region.

const NOW = Date.parse('2025-03-01T12:00:00.000Z');
const hour = (h: number) => new Date(NOW + h * 3_600_000).toISOString();
const ALL = { kind: '', region: '', todayFrom: Number.NEGATIVE_INFINITY };
const idsOf = (columns: ReturnType<typeof columnsOf>) => Object.fromEntries(COLUMNS.map((c) => [c, columns[c].map((t) => t.id)]));

describe('board columns', () => {
  it('when tasks are open, assigned or accepted, then each stands in the column of its status', () => {
    const columns = columnsOf([aTask({ id: 'o' }), aTask({ id: 'as', status: 'assigned' }), aTask({ id: 'ac', status: 'accepted' })], [], ALL);
    expect(idsOf(columns)).toEqual({ open: ['o'], assigned: ['as'], accepted: ['ac'], finished: [] });
  });

  it('when the book sorts the open tasks, then each column keeps overdue first, then oldest', () => {
    const book = new TaskBook();
    book.replace([
      aTask({ id: 'open-new', createdAt: hour(-1) }),
      aTask({ id: 'open-overdue', createdAt: hour(-2), dueAt: hour(-1) }),
      aTask({ id: 'open-old', createdAt: hour(-5) }),
      aTask({ id: 'assigned-old', status: 'assigned', createdAt: hour(-9) }),
      aTask({ id: 'assigned-overdue', status: 'assigned', createdAt: hour(-3), dueAt: hour(-2) }),
    ]);
    const columns = columnsOf(book.openSorted(NOW), book.finishedRecent(), ALL);
    expect(columns.open.map((t) => t.id)).toEqual(['open-overdue', 'open-old', 'open-new']);
    expect(columns.assigned.map((t) => t.id)).toEqual(['assigned-overdue', 'assigned-old']);
  });

  it('when tasks were finished, then only those finished since the start of today are in the last column', () => {
    const today = Date.parse(hour(-2));
    const finished = [
      aTask({ id: 'done-today', status: 'done', completedAt: hour(-1) }),
      aTask({ id: 'cancelled-today', status: 'cancelled', completedAt: hour(-2) }),
      aTask({ id: 'done-yesterday', status: 'done', completedAt: hour(-3) }),
      aTask({ id: 'done-no-time', status: 'done', completedAt: null }),
    ];
    expect(columnsOf([], finished, { ...ALL, todayFrom: today }).finished.map((t) => t.id)).toEqual(['done-today', 'cancelled-today']);
  });

  it('when a finished task is given among the open ones, then it stands in no column', () => {
    const columns = columnsOf([aTask({ id: 'stray', status: 'done', completedAt: hour(0) })], [], ALL);
    expect(idsOf(columns)).toEqual({ open: [], assigned: [], accepted: [], finished: [] });
  });

  it('when a kind filter is set, then only tasks of that kind are in any column', () => {
    const columns = columnsOf(
      [aTask({ id: 'm', kind: 'maintenance' }), aTask({ id: 'v', kind: 'visit', status: 'accepted' })],
      [aTask({ id: 'v-done', kind: 'visit', status: 'done', completedAt: hour(0) }), aTask({ id: 'm-done', status: 'done', completedAt: hour(0) })],
      { ...ALL, kind: 'visit' },
    );
    expect(idsOf(columns)).toEqual({ open: [], assigned: [], accepted: ['v'], finished: ['v-done'] });
  });

  it('when a region filter is set, then only tasks of elders in that very community are shown', () => {
    const elder = (regionId: string) => ({ id: 'e', name: '王', address: '幸福路', regionId });
    const columns = columnsOf([aTask({ id: 'a', elder: elder('community-a') }), aTask({ id: 'b', elder: elder('community-b') })], [], { ...ALL, region: 'community-a' });
    expect(columns.open.map((t) => t.id)).toEqual(['a']);
  });

  it('when the filter lists the kinds, then they are the schema kinds in the schema order', () => {
    expect([...KINDS]).toEqual([...TASK_KINDS]);
  });

  it('when a time is given, then today starts at its local midnight', () => {
    const afternoon = new Date(2025, 2, 1, 15, 42, 7, 123).getTime();
    expect(localMidnight(afternoon)).toBe(new Date(2025, 2, 1).getTime());
    expect(localMidnight(new Date(2025, 2, 1).getTime())).toBe(new Date(2025, 2, 1).getTime());
  });
});
