// What a history row, the detail pane and the CSV say about an alert beyond its own fields: when it ended, how long
// it took, who closed it and the name of the elder's community, in the page's language.

import type { AlertView, RegionView } from '../../../../schemas/index.js';
import { formatAge, t } from '../../shared/i18n.js';
import { actorText } from '../../shared/labels.js';

/** When the alert ended (resolved or marked false, cancelled by the elder, cleared by the gateway); null while open. */
export const endedAt = (a: AlertView): string | null => a.resolvedAt ?? a.cancelledAt ?? a.clearedAt;

/** Raised to ended, or "ongoing". */
export function durationText(a: AlertView): string {
  const end = endedAt(a);
  if (!end) return t('history.ongoing');
  return formatAge(Date.parse(end) - Date.parse(a.raisedAt));
}

/** Who closed it: a person by name, the elder's own cancel, the gateway's clear; '' while open. */
export function closedByText(a: AlertView, names: ReadonlyMap<string, string>): string {
  if (a.resolvedBy) return actorText(a.resolvedBy, names);
  if (a.status === 'cleared') return t('actor.system');
  if (a.status === 'cancelled') return t('status.cancelled');
  return '';
}

export const regionNameOf = (regionId: string, regions: ReadonlyMap<string, RegionView>): string => regions.get(regionId)?.name ?? '';

/** Local date and time, "2026/12/7 14:05" / "12/7/2026, 14:05". */
export function dayAndTime(iso: string | null, lang: string): string {
  if (!iso) return '';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  return at.toLocaleString(lang, { year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });
}
