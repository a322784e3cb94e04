import type { TaskOutcome, TaskStatus, VisitCoverage, VisitGapReason, VisitMode, VisitPolicySubject } from '../../../../schemas/index.js';
import { VISIT_MODES, VISIT_POLICY_SUBJECTS } from '../../../../schemas/index.js';
import { type CoveragePlace, figuresOf, newTally, placeRows, placesBelow, type Tally } from './visit-coverage-tree.js';

// Whether every elder owed a visit (探访) got one, per place at every depth, per group and per way of visiting, and
// who is still owed one and why. Pure: the caller loads the care_visit tasks whose period ends in the range.

/** One attempt at a care visit, as the report needs it. */
export interface CoverageVisitTask {
  id: string;
  elderId: string;
  period: string;
  periodEndsAt: number;
  attempt: number;
  status: TaskStatus;
  outcome: TaskOutcome | null;
  visitMode: VisitMode | null;
  /** The ways that count, copied from the policy when the task was made (a later edit does not rewrite the past). */
  visitModes: readonly VisitMode[];
  test: boolean;
}

export interface CoverageElder {
  id: string;
  name: string;
  regionId: string;
  /** The elder's policy subjects now (groups, legacy category, very_old): the byGroup rows. */
  subjects: readonly VisitPolicySubject[];
}

export interface CoverageInput {
  range: string;
  from: number;
  to: number;
  region: CoveragePlace;
  /** Every region known; those below `region` become rows. */
  places: readonly CoveragePlace[];
  elders: readonly CoverageElder[];
  tasks: readonly CoverageVisitTask[];
}

/** Gaps listed at most; the figures still count every one. */
export const MAX_COVERAGE_GAPS = 5000;

const OPEN: readonly TaskStatus[] = ['open', 'assigned', 'accepted'];

const counts = (t: CoverageVisitTask): boolean => t.status === 'done' && t.outcome === 'visited' && t.visitMode !== null && t.visitModes.includes(t.visitMode);

/**
 * Why an owed period is not covered. An open attempt while the period runs: in_progress. Otherwise the last attempt
 * done decides (visited in a way that does not count: mode_not_counted); an outcome that says nothing about the
 * elder (other, not_needed) is read as no attempt. Nothing done: not_attempted once the period ended, else in_progress.
 */
export function gapReason(attempts: readonly CoverageVisitTask[], now: number): VisitGapReason {
  const ended = attempts.every((t) => t.periodEndsAt <= now);
  if (!ended && attempts.some((t) => OPEN.includes(t.status))) return 'in_progress';
  const lastDone = [...attempts].filter((t) => t.status === 'done').sort((a, b) => b.attempt - a.attempt)[0];
  if (lastDone?.outcome === 'not_home') return 'not_home';
  if (lastDone?.outcome === 'refused') return 'refused';
  if (lastDone?.outcome === 'visited') return 'mode_not_counted';
  return ended ? 'not_attempted' : 'in_progress';
}

interface ElderPeriod {
  elderId: string;
  period: string;
  periodEndsAt: number;
  attempts: CoverageVisitTask[];
}

/** Owed elder-periods: those with an attempt that is real, not cancelled, and whose period ends in [from, to). */
function owedPeriods(input: CoverageInput): ElderPeriod[] {
  const byKey = new Map<string, ElderPeriod>();
  for (const t of input.tasks) {
    if (t.test || t.status === 'cancelled' || t.periodEndsAt <= input.from || t.periodEndsAt > input.to) continue;
    const key = `${t.elderId}\u0000${t.period}`;
    const entry = byKey.get(key) ?? { elderId: t.elderId, period: t.period, periodEndsAt: t.periodEndsAt, attempts: [] };
    entry.attempts.push(t);
    byKey.set(key, entry);
  }
  return [...byKey.values()];
}

export function visitCoverage(input: CoverageInput, now: number): VisitCoverage {
  const ordered = placesBelow(input.region.id, input.places);
  const rowIndex = new Map(ordered.map((o, i) => [o.place.id, i]));
  const parentOf = new Map(input.places.map((p) => [p.id, p.parentId]));
  const elders = new Map(input.elders.map((e) => [e.id, e]));
  const total = newTally();
  const placeTallies = new Map<string, Tally>();
  const groupTallies = new Map<VisitPolicySubject, Tally>();
  const byMode = new Map<VisitMode, number>(VISIT_MODES.map((m) => [m, 0]));
  const gaps: VisitCoverage['gaps'] = [];

  /** The elder's place and every place above it, up to (not including) the report's region. */
  const chainOf = (regionId: string): string[] => {
    const chain: string[] = [];
    const seen = new Set<string>();
    for (let id: string | null | undefined = regionId; id && id !== input.region.id && !seen.has(id); id = parentOf.get(id)) {
      seen.add(id);
      chain.push(id);
    }
    return chain;
  };

  for (const owed of owedPeriods(input)) {
    const elder = elders.get(owed.elderId);
    const tallies = [total, ...chainOf(elder?.regionId ?? '').map((id) => placeTallies.get(id) ?? placeTallies.set(id, newTally()).get(id)!)];
    for (const s of elder?.subjects ?? []) tallies.push(groupTallies.get(s) ?? groupTallies.set(s, newTally()).get(s)!);
    const covering = owed.attempts.filter(counts).sort((a, b) => a.attempt - b.attempt)[0];
    const reason = covering ? null : gapReason(owed.attempts, now);
    for (const t of tallies) {
      t.elders.add(owed.elderId);
      t.due += 1;
      if (reason === null) t.covered += 1;
      else t.gaps[reason] += 1;
    }
    if (covering?.visitMode) byMode.set(covering.visitMode, (byMode.get(covering.visitMode) ?? 0) + 1);
    if (reason !== null) {
      const open = owed.attempts.find((t) => OPEN.includes(t.status));
      const last = [...owed.attempts].sort((a, b) => b.attempt - a.attempt)[0];
      const regionId = elder?.regionId ?? '';
      const regionName = regionId === input.region.id ? input.region.name : (ordered[rowIndex.get(regionId) ?? -1]?.place.name ?? '');
      gaps.push({
        elderId: owed.elderId,
        elderName: elder?.name ?? '',
        regionId,
        regionName,
        period: owed.period,
        periodEndsAt: owed.periodEndsAt,
        reason,
        taskId: (open ?? last)?.id ?? null,
      });
    }
  }

  const byName = new Intl.Collator('zh-CN');
  // by region as the rows are ordered (the report's own region first), then elder name, then period end
  gaps.sort(
    (a, b) =>
      (rowIndex.get(a.regionId) ?? -1) - (rowIndex.get(b.regionId) ?? -1) ||
      byName.compare(a.elderName, b.elderName) ||
      a.elderId.localeCompare(b.elderId) ||
      a.periodEndsAt - b.periodEndsAt,
  );

  return {
    range: input.range,
    from: input.from,
    to: input.to,
    regionId: input.region.id,
    regionName: input.region.name,
    total: figuresOf(total),
    rows: placeRows(ordered, placeTallies),
    byGroup: VISIT_POLICY_SUBJECTS.filter((s) => groupTallies.has(s)).map((group) => ({ group, ...figuresOf(groupTallies.get(group)!) })),
    byMode: VISIT_MODES.map((mode) => ({ mode, covered: byMode.get(mode) ?? 0 })),
    gaps: gaps.slice(0, MAX_COVERAGE_GAPS),
    gapsTruncated: gaps.length > MAX_COVERAGE_GAPS,
  };
}
