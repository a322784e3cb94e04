import type { RegionBreakdownRow, RegionLevel } from '../../../../schemas/index.js';
import type { Alert } from '../alerts/alert.js';
import { inTreeOrder } from '../regions/region-order.js';
import { alarmOutcomes, timeToAcknowledge, timeToArrive } from './alarm-figures.js';

// The report's region broken down by place: one row per region below it at every depth (towns and communities under a
// county; districts, streets and communities under a city), each over the alerts of the elders in its whole subtree (a
// town's row includes its communities'), places without alarms included with zeros — a community that never called is
// worth seeing too. Grouped here from one load of the period's alerts.

export interface ReportPlace {
  id: string;
  name: string;
  level: RegionLevel;
  parentId: string | null;
  /** `/rootId/…/id/`: its subtree is every path that starts with it. */
  path: string;
}

/**
 * Rows for every region strictly below `region`, in tree order (core/regions/region-order.ts: depth first, siblings
 * by name). `pathOfAlert` gives the region path of the alert's elder (undefined: a region nobody knows, counted
 * in no row). Median and p90 do not add up, so every alert is put in the row of each place on its path.
 */
export function regionBreakdown(
  region: { path: string },
  places: ReadonlyArray<ReportPlace>,
  alerts: ReadonlyArray<Alert>,
  pathOfAlert: (alert: Alert) => string | undefined,
  now: number,
): RegionBreakdownRow[] {
  const rows = inTreeOrder(
    places.filter((p) => p.path !== region.path && p.path.startsWith(region.path)),
    region.path,
    places,
  );
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
