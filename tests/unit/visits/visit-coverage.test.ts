import { describe, expect, it } from 'vitest';
import { visitCoverageSchema } from '../../../schemas/index.js';
import { visitCoverageCsv } from '../../../gateway/src/core/reports/report-csv.js';
import { gapReason, visitCoverage, type CoverageVisitTask } from '../../../gateway/src/core/reports/visit-coverage.js';
import { rangeOf } from '../../../gateway/src/core/visits/periods.js';

// Visit coverage over a small, hand-counted town (every figure below is worked out in the comments): places at any
// depth, redone visits, ways of visiting that do not count, and why each owed period is not covered.

const CHINA = 480;
const at = (iso: string): number => Date.parse(iso);
const { from, to } = rangeOf('2026-12', CHINA);
const NOW = at('2026-12-15T02:00:00Z'); // 15 December, local 10:00: week 51 and the month and quarter still run
const END = { W48: at('2026-11-29T16:00:00Z'), W49: at('2026-12-06T16:00:00Z'), W50: at('2026-12-13T16:00:00Z'), W51: at('2026-12-20T16:00:00Z'), DEC: to, NOV: from };

let n = 0;
function task(elderId: string, period: string, periodEndsAt: number, overrides: Partial<CoverageVisitTask> = {}): CoverageVisitTask {
  return { id: `t-${++n}`, elderId, period, periodEndsAt, attempt: 1, status: 'open', outcome: null, visitMode: null, visitModes: ['door'], test: false, ...overrides };
}
const done = (outcome: CoverageVisitTask['outcome'], visitMode: CoverageVisitTask['visitMode']) => ({ status: 'done' as const, outcome, visitMode });

// The town and its places: two communities, one with a grid (网格) below it; names are what rows show, never levels.
const places = [
  { id: 'county', name: '本县', level: 'county', parentId: null },
  { id: 'town-1', name: '城关镇', level: 'town', parentId: 'county' },
  { id: 'c-river', name: '河畔社区', level: 'community', parentId: 'town-1' },
  { id: 'c-east', name: '东门社区', level: 'community', parentId: 'town-1' },
  { id: 'g-1', name: '一网格', level: 'grid', parentId: 'c-east' },
  { id: 'town-2', name: '河西镇', level: 'town', parentId: 'county' },
];
const elders = [
  { id: 'e1', name: '王奶奶', regionId: 'g-1', subjects: ['living_alone' as const] },
  { id: 'e2', name: '李爷爷', regionId: 'c-east', subjects: ['disabled' as const, 'minimum_living' as const] },
  { id: 'e3', name: '赵奶奶', regionId: 'c-river', subjects: ['empty_nest' as const] },
  { id: 'e4', name: '孙爷爷', regionId: 'town-1', subjects: ['minimum_living' as const] },
  { id: 'e6', name: '周奶奶', regionId: 'c-river', subjects: ['living_alone' as const] },
  { id: 'e7', name: '吴爷爷', regionId: 'c-river', subjects: ['dementia' as const] },
];
const e2w51 = task('e2', '2026-W51', END.W51, { visitModes: ['door'] });
const e4q4 = task('e4', '2026-Q4', END.DEC, { visitModes: ['door', 'phone'] });
const e6w49 = task('e6', '2026-W49', END.W49);
const tasks = [
  // e1: not home first, then visited at the door on the second attempt: covered (door)
  task('e1', '2026-12', END.DEC, done('not_home', 'door')),
  task('e1', '2026-12', END.DEC, { attempt: 2, ...done('visited', 'door') }),
  // e2, weekly, door only: week 48 ended before December (not this report's); 49 visited by phone (does not count);
  // 50 refused; 51 still open and running
  task('e2', '2026-W48', END.W48, done('visited', 'door')),
  task('e2', '2026-W49', END.W49, done('visited', 'phone')),
  task('e2', '2026-W50', END.W50, done('refused', 'door')),
  e2w51,
  // e3: December's visit cancelled (moved away): not owed; November's ended at the range's start: not this report's
  task('e3', '2026-12', END.DEC, { status: 'cancelled' }),
  task('e3', '2026-11', END.NOV, done('visited', 'door')),
  // e4 lives in the town itself (no community): the quarter runs, nothing done yet
  e4q4,
  // e6: week 49 ended with the visit still open: not attempted
  e6w49,
  // e7: visited by video, which his task counts: covered (video)
  task('e7', '2026-W50', END.W50, { visitModes: ['door', 'video'], ...done('visited', 'video') }),
  // a test task is never counted
  task('e7', '2026-W49', END.W49, { test: true }),
];
const coverage = visitCoverage({ range: '2026-12', from, to, region: places[1]!, places, elders, tasks }, NOW);
const figures = (elders: number, due: number, covered: number, gaps: Partial<Record<string, number>> = {}) => ({
  elders,
  due,
  covered,
  rate: due === 0 ? null : covered / due,
  gaps: { not_home: 0, refused: 0, mode_not_counted: 0, not_attempted: 0, in_progress: 0, ...gaps },
});

describe('visit coverage of a month', () => {
  it('when a town has places at two depths, then every place is a row, depth-first and by name, each the sum of the elder-periods below it, and the total counts the town’s own elders too', () => {
    // owed: e1 1, e2 3 (W49 W50 W51), e4 1, e6 1, e7 1 = 7; covered e1 and e7 = 2
    expect(coverage.total).toEqual(figures(5, 7, 2, { mode_not_counted: 1, refused: 1, in_progress: 2, not_attempted: 1 }));
    expect(coverage.rows).toEqual([
      { regionId: 'c-east', regionName: '东门社区', level: 'community', parentId: 'town-1', depth: 1, ...figures(2, 4, 1, { mode_not_counted: 1, refused: 1, in_progress: 1 }) },
      { regionId: 'g-1', regionName: '一网格', level: 'grid', parentId: 'c-east', depth: 2, ...figures(1, 1, 1) },
      { regionId: 'c-river', regionName: '河畔社区', level: 'community', parentId: 'town-1', depth: 1, ...figures(2, 2, 1, { not_attempted: 1 }) },
    ]);
    expect(visitCoverageSchema.parse(coverage)).toEqual(coverage);
  });

  it('when elders are in several groups, then each group counts them, in the catalogue’s order, only groups with something due', () => {
    expect(coverage.byGroup).toEqual([
      { group: 'living_alone', ...figures(2, 2, 1, { not_attempted: 1 }) },
      { group: 'disabled', ...figures(1, 3, 0, { mode_not_counted: 1, refused: 1, in_progress: 1 }) },
      { group: 'dementia', ...figures(1, 1, 1) },
      { group: 'minimum_living', ...figures(2, 4, 0, { mode_not_counted: 1, refused: 1, in_progress: 2 }) },
    ]);
  });

  it('when periods are covered, then the way of the covering visit is counted, every way listed', () => {
    expect(coverage.byMode).toEqual([
      { mode: 'door', covered: 1 },
      { mode: 'phone', covered: 0 },
      { mode: 'video', covered: 1 },
    ]);
  });

  it('when periods are not covered, then each is listed with its reason and the task to act on, by place as the rows, then name, then period end', () => {
    const gap = (elderId: string, elderName: string, regionId: string, regionName: string, period: string, periodEndsAt: number, reason: string, taskId: string | null) => ({
      elderId,
      elderName,
      regionId,
      regionName,
      period,
      periodEndsAt,
      reason,
      taskId,
    });
    expect(coverage.gaps).toEqual([
      gap('e4', '孙爷爷', 'town-1', '城关镇', '2026-Q4', END.DEC, 'in_progress', e4q4.id),
      gap('e2', '李爷爷', 'c-east', '东门社区', '2026-W49', END.W49, 'mode_not_counted', tasks[3]!.id),
      gap('e2', '李爷爷', 'c-east', '东门社区', '2026-W50', END.W50, 'refused', tasks[4]!.id),
      gap('e2', '李爷爷', 'c-east', '东门社区', '2026-W51', END.W51, 'in_progress', e2w51.id),
      gap('e6', '周奶奶', 'c-river', '河畔社区', '2026-W49', END.W49, 'not_attempted', e6w49.id),
    ]);
    expect(coverage.gapsTruncated).toBe(false);
  });

  it('when the coverage is downloaded as CSV, then each table is under its Chinese title, places indented by depth, the total last, gaps with local dates and reasons', () => {
    const csv = visitCoverageCsv(coverage, CHINA);
    expect(csv.startsWith('\uFEFF【分区】\r\n期间,区域,层级,应探访老人（人）,应探访（人次）,已覆盖（人次）,覆盖率（%）,')).toBe(true);
    expect(csv).toContain('\r\n2026-12,东门社区,1,2,4,1,25,0,1,1,0,1\r\n');
    expect(csv).toContain('\r\n2026-12,\u3000一网格,2,1,1,1,100,0,0,0,0,0\r\n');
    expect(csv).toContain('\r\n2026-12,合计（城关镇）,0,5,7,2,28.6,0,1,1,1,2\r\n');
    expect(csv).toContain('【按群体】\r\n群体,');
    expect(csv).toContain('\r\n低保,2,4,0,0,');
    expect(csv).toContain('【按方式】\r\n探访方式,已覆盖（人次）\r\n上门,1\r\n电话,0\r\n视频,1\r\n');
    expect(csv).toContain('【未覆盖名单】\r\n区域,姓名,探访周期,周期截止,原因\r\n城关镇,孙爷爷,2026-Q4,2027-01-01 00:00,进行中\r\n');
    expect(csv).toContain('\r\n东门社区,李爷爷,2026-W49,2026-12-07 00:00,探访方式不计入\r\n');
  });

  it('when nothing is owed, then the figures are zeros with a null rate and every place is still a row', () => {
    const empty = visitCoverage({ range: '2026-Q4', from, to, region: places[1]!, places, elders, tasks: [] }, NOW);
    expect(empty.total).toEqual(figures(0, 0, 0));
    expect(empty.rows.map((r) => [r.regionId, r.due, r.rate])).toEqual([
      ['c-east', 0, null],
      ['g-1', 0, null],
      ['c-river', 0, null],
    ]);
    expect(empty.byGroup).toEqual([]);
  });
});

describe('why a period is not covered', () => {
  const ended = END.W49 + 1;
  const running = END.W49 - 1;
  it.each([
    ['the last attempt found nobody home', 'not_home', [task('x', 'p', END.W49, done('visited', 'phone')), task('x', 'p', END.W49, { attempt: 2, ...done('not_home', 'door') })], ended],
    ['the last attempt was refused', 'refused', [task('x', 'p', END.W49, done('refused', 'door'))], running],
    ['the visit was made by a way that does not count', 'mode_not_counted', [task('x', 'p', END.W49, done('visited', 'phone'))], ended],
    ['the period ended with the visit still open', 'not_attempted', [task('x', 'p', END.W49)], ended],
    ['the period runs and nothing is done', 'in_progress', [task('x', 'p', END.W49, { status: 'assigned' })], running],
    ['the period runs and a retry is open after nobody was home', 'in_progress', [task('x', 'p', END.W49, done('not_home', 'door')), task('x', 'p', END.W49, { attempt: 2, status: 'accepted' })], running],
    ['the period ended with a retry still open after nobody was home', 'not_home', [task('x', 'p', END.W49, done('not_home', 'door')), task('x', 'p', END.W49, { attempt: 2 })], ended],
    ['the visit was closed as not needed', 'not_attempted', [task('x', 'p', END.W49, done('not_needed', null))], ended],
  ] as const)('when %s, then the reason is %s', (_name, reason, attempts, now) => {
    expect(gapReason(attempts, now)).toBe(reason);
  });
});
