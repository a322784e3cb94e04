// What the visits tab shows, kept at module level so it survives a switch to another tab and back: the sub-view
// (coverage or the policy table), the coverage's range (a month or a quarter) and region, and the drill-down (which
// place's, and which reason's, uncovered visits are listed). The next person at this desk starts afresh.

import { effect, signal } from '@preact/signals';
import type { VisitGapReason } from '../../../../schemas/index.js';
import { token } from '../state/desk-state.js';

export type VisitsView = 'coverage' | 'policy';
export const visitsView = signal<VisitsView>('coverage');

export type RangeKind = 'month' | 'quarter';

export interface RangeChoice {
  kind: RangeKind;
  /** YYYY-MM */
  month: string;
  /** YYYY-Qn */
  quarter: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The local month and quarter of `ms`. */
export function rangeAround(ms: number, kind: RangeKind = 'month'): RangeChoice {
  const d = new Date(ms);
  return { kind, month: `${d.getFullYear()}-${pad(d.getMonth() + 1)}`, quarter: `${d.getFullYear()}-Q${Math.floor(d.getMonth() / 3) + 1}` };
}

/** The `count` months (or quarters) up to the one of `ms`, newest first: what the picker offers. */
export function recentRanges(ms: number, kind: RangeKind, count: number): string[] {
  const d = new Date(ms);
  const out: string[] = [];
  for (let i = 0; i < count; i += 1) {
    if (kind === 'month') {
      const at = new Date(d.getFullYear(), d.getMonth() - i, 1);
      out.push(`${at.getFullYear()}-${pad(at.getMonth() + 1)}`);
    } else {
      const at = new Date(d.getFullYear(), d.getMonth() - 3 * i, 1);
      out.push(`${at.getFullYear()}-Q${Math.floor(at.getMonth() / 3) + 1}`);
    }
  }
  return out;
}

export const rangeChoice = signal<RangeChoice>(rangeAround(Date.now()));
/** null: the user's own region. */
export const coverageRegion = signal<string | null>(null);

export interface GapFilter {
  /** The place whose uncovered visits are listed (with every place below it); null: the whole report. */
  regionId: string | null;
  /** One reason only, or every reason of an ended period ('missed'); null: every reason. */
  reason: VisitGapReason | 'missed' | null;
}
export const gapFilter = signal<GapFilter | null>(null);

effect(() => {
  if (token.value !== null) return;
  visitsView.value = 'coverage';
  rangeChoice.value = rangeAround(Date.now());
  coverageRegion.value = null;
  gapFilter.value = null;
});
