import type { VisitCoverage } from '../../../../schemas/index.js';
import { localDay } from '../../core/local-time.js';
import { visitCoverage, type CoverageVisitTask } from '../../core/reports/visit-coverage.js';
import type { Task } from '../../core/tasks/task.js';
import { rangeOf } from '../../core/visits/periods.js';
import { visitSubjects } from '../../core/visits/obligation.js';
import type { RegionRecord } from '../ports/store/regions.port.js';
import type { ElderStore } from '../ports/store/elders.port.js';
import type { ReportReadStore } from '../ports/store/report-reads.port.js';

// The visit coverage report (探访覆盖) of a month or quarter: the care_visit tasks whose period ends in the range and
// the elders of the region, each loaded in one query, then counted by the pure core.

/** A care visit task as the coverage counts it. */
export function coverageTaskOf(t: Task): CoverageVisitTask {
  return {
    id: t.id,
    elderId: t.elderId,
    period: t.period ?? '',
    periodEndsAt: t.periodEndsAt ?? (t.dueAt ?? 0) + 1,
    attempt: t.attempt ?? 1,
    status: t.status,
    outcome: t.outcome,
    visitMode: t.visitMode,
    visitModes: t.visitModes ?? [],
    test: t.test,
  };
}

export async function loadVisitCoverage(
  deps: { store: ElderStore & ReportReadStore; places: readonly RegionRecord[]; utcOffsetMinutes: number; now: number },
  region: RegionRecord,
  range: string,
): Promise<VisitCoverage> {
  const { from, to } = rangeOf(range, deps.utcOffsetMinutes);
  const [tasks, elders] = await Promise.all([
    // due (the last moment of the period) in [from, to): the periods that end in the range
    deps.store.listTasksDue({ regionPath: region.path, from, to, kind: 'care_visit' }),
    deps.store.listElders({ regionPath: region.path }),
  ]);
  const day = localDay(deps.now, deps.utcOffsetMinutes);
  return visitCoverage(
    {
      range,
      from,
      to,
      region,
      places: deps.places,
      elders: elders.map((e) => ({
        id: e.id,
        name: e.name,
        regionId: e.regionId,
        subjects: visitSubjects({ groups: e.groups ?? [], riskCategory: e.riskCategory, birthDate: e.birthDate ?? null, assessmentLevel: e.assessment?.level ?? null }, day),
      })),
      tasks: tasks.map(coverageTaskOf),
    },
    deps.now,
  );
}
