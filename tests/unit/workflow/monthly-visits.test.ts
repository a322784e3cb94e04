import { describe, expect, it } from 'vitest';
import { RISK_CATEGORIES, type RiskCategory } from '../../../schemas/index.js';
import type { ElderState } from '../../../gateway/src/core/elder-state.js';
import { localMonth, monthlyVisitDue, monthStartAt, nextMonthStartAt, VISIT_CATEGORIES } from '../../../gateway/src/core/tasks/monthly-visits.js';
import { asDevice, elderState } from '../../support/elder-state.js';
import { sampleTask } from '../../support/fixtures.js';

// Local months in China (UTC+8): December 2026 starts at 2026-11-30T16:00Z and ends just before 2026-12-31T16:00Z.

const CHINA = 480;
const at = (iso: string): number => Date.parse(iso);
const DEC_1_LOCAL = at('2026-11-30T16:00:00.000Z');
const JAN_1_LOCAL = at('2026-12-31T16:00:00.000Z');

/** An elder's state as the visit schedule sees it: no device spoke. */
const elder = (riskCategory: RiskCategory, overrides: Partial<ElderState> = {}): ElderState => ({ ...asDevice(elderState({ riskCategory }), null), ...overrides });

describe('local months', () => {
  it.each([
    ['2026-11-30T15:59:59.999Z', CHINA, '2026-11'],
    ['2026-11-30T16:00:00.000Z', CHINA, '2026-12'],
    ['2026-11-30T16:00:00.000Z', 0, '2026-11'],
    ['2026-12-31T16:00:00.000Z', CHINA, '2027-01'],
    ['2026-03-01T00:00:00.000Z', -300, '2026-02'],
  ])('when it is %s at offset %s min, then the local month is %s', (iso, offset, month) => {
    expect(localMonth(at(iso), offset)).toBe(month);
  });

  it.each([
    ['2026-12', CHINA, '2026-11-30T16:00:00.000Z'],
    ['2027-01', CHINA, '2026-12-31T16:00:00.000Z'],
    ['2026-12', 0, '2026-12-01T00:00:00.000Z'],
  ])('when %s starts at offset %s min, then it starts at %s', (month, offset, iso) => {
    expect(monthStartAt(month, offset)).toBe(at(iso));
  });

  it.each([
    ['the last moment of November', '2026-11-30T15:59:59.999Z', '2026-11-30T16:00:00.000Z'],
    ['local midnight of December 1', '2026-11-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z'],
    ['December, rolling into the next year', '2026-12-15T04:00:00.000Z', '2026-12-31T16:00:00.000Z'],
    ['February of a leap year', '2028-02-10T00:00:00.000Z', '2028-02-29T16:00:00.000Z'],
  ])('when it is %s, then the next month starts at local midnight of its 1st', (_name, iso, next) => {
    expect(nextMonthStartAt(at(iso), CHINA)).toBe(at(next));
  });

  it('when the month is not YYYY-MM, then it is a programming error', () => {
    expect(() => monthStartAt('2026-13', CHINA)).toThrow(/not a month/);
  });
});

describe('monthly visit due', () => {
  it('the visiting-care groups are alone, empty nest, disabled, very old and hardship', () => {
    expect([...VISIT_CATEGORIES].sort()).toEqual(['alone', 'disabled', 'empty_nest', 'hardship', 'very_old']);
  });

  it.each(RISK_CATEGORIES.filter((c) => VISIT_CATEGORIES.has(c)))('when a %s elder is due a December visit, then one open task is made, due by the end of local December', (category) => {
    expect(monthlyVisitDue(elder(category), DEC_1_LOCAL, '2026-12')).toEqual([
      {
        kind: 'createTask',
        task: sampleTask('id-1', {
          kind: 'monthly_visit',
          reason: 'monthly_visit',
          deviceId: null,
          dedupKey: 'monthly_visit:2026-12',
          month: '2026-12',
          dueAt: JAN_1_LOCAL - 1,
          createdAt: DEC_1_LOCAL,
        }),
      },
    ]);
  });

  it('when a general elder is checked, then no visit is due', () => {
    expect(monthlyVisitDue(elder('general'), DEC_1_LOCAL, '2026-12')).toEqual([{ kind: 'ignore', reason: 'not_in_visiting_care' }]);
  });

  it('when the schedule runs at local midnight of December 1, then the visit it makes is December\'s', () => {
    const now = DEC_1_LOCAL;
    const [decision] = monthlyVisitDue(elder('alone'), now, localMonth(now, CHINA));
    expect(decision).toMatchObject({ kind: 'createTask', task: { month: '2026-12', dedupKey: 'monthly_visit:2026-12', dueAt: at('2026-12-31T15:59:59.999Z') } });
  });

  it("when the elder already has this month's visit open, then no second one is made", () => {
    const [first] = monthlyVisitDue(elder('alone'), DEC_1_LOCAL, '2026-12');
    if (first?.kind !== 'createTask') throw new Error('expected a task');
    const again = monthlyVisitDue(elder('alone', { openTasks: [{ ...first.task, status: 'assigned', assigneeId: 'resp-wang' }] }), DEC_1_LOCAL + 60_000, '2026-12');
    expect(again).toEqual([{ kind: 'ignore', reason: 'task_already_open' }]);
  });

  it("when last month's visit is still open, then this month's is made all the same", () => {
    const [november] = monthlyVisitDue(elder('alone'), at('2026-11-01T01:00:00Z'), '2026-11');
    if (november?.kind !== 'createTask') throw new Error('expected a task');
    const december = monthlyVisitDue(elder('alone', { openTasks: [november.task] }), DEC_1_LOCAL, '2026-12');
    expect(december).toEqual([expect.objectContaining({ kind: 'createTask', task: expect.objectContaining({ month: '2026-12' }) })]);
  });

  it('when the elder is away (in hospital), then the visit is still due', () => {
    const away = elderState({ riskCategory: 'disabled', away: { since: DEC_1_LOCAL - 86_400_000, until: null } });
    expect(monthlyVisitDue(asDevice(away, null), DEC_1_LOCAL, '2026-12')).toEqual([expect.objectContaining({ kind: 'createTask' })]);
  });
});
