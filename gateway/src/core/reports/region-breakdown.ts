import type { RegionBreakdownRow, RegionLevel } from '../../../../schemas/index.js';
import type { Alert } from '../alerts/alert.js';
import { alarmOutcomes, timeToAcknowledge, timeToArrive } from './alarm-figures.js';

// The report's region broken down by place: one row per town and community below it, each over the alerts of the
// elders in its whole subtree (a town's row includes its communities'), places without alarms included with zeros —
// a community that never called is worth seeing too. Grouped here from one load of the period's alerts.

export interface ReportPlace {
  id: string;
  name: string;
  level: RegionLevel;
  parentId: string | null;
  /** `/countyId/townId/communityId/`: its subtree is every path that starts with it. */
  path: string;
}

/**
 * Rows for the towns and communities strictly below `region`, in tree order (a town, then its communities; towns and
 * communities by name). `pathOfAlert` gives the region path of the alert's elder (undefined: a region nobody knows, counted
 * in no row). Median and p90 do not add up, so every alert is put in the row of each place on its path.
 */
export function regionBreakdown(
  region: { path: string },
  places: ReadonlyArray<ReportPlace>,
  alerts: ReadonlyArray<Alert>,
  pathOfAlert: (alert: Alert) => string | undefined,
  now: number,
): RegionBreakdownRow[] {
  const nameOf = new Map(places.map((p) => [p.id, p.name]));
  // Ids are random, so ordering by path would reorder towns from one deployment to the next: order by the names
  // along the path instead (a town, then its communities, each by name as a Chinese reader sorts them).
  const namesAlong = (p: ReportPlace): string[] =>
    p.path
      .slice(region.path.length)
      .split('/')
      .filter((id) => id !== '')
      .map((id) => nameOf.get(id) ?? id);
  const byNames = (a: ReportPlace, b: ReportPlace): number => {
    const x = namesAlong(a);
    const y = namesAlong(b);
    for (let i = 0; i < Math.min(x.length, y.length); i++) {
      const order = (x[i] as string).localeCompare(y[i] as string, 'zh-CN');
      if (order !== 0) return order;
    }
    return x.length - y.length || a.id.localeCompare(b.id);
  };
  const rows = places
    .filter((p) => p.path !== region.path && p.path.startsWith(region.path) && (p.level === 'town' || p.level === 'community'))
    .sort(byNames);
  const alertsOf = new Map<string, Alert[]>(rows.map((p) => [p.id, []]));
  for (const alert of alerts) {
    const path = pathOfAlert(alert);
    if (path === undefined) continue;
    for (const id of path.split('/')) alertsOf.get(id)?.push(alert);
  }
  return rows.map((p) => {
    const own = alertsOf.get(p.id) ?? [];
    const outcomes = alarmOutcomes(own);
    return {
      regionId: p.id,
      name: p.name,
      level: p.level,
      parentId: p.parentId,
      raised: outcomes.raised,
      outcomes,
      timeToAcknowledge: timeToAcknowledge(own, now),
      timeToArrive: timeToArrive(own),
      falseAlarms: outcomes.falseAlarms,
    };
  });
}
