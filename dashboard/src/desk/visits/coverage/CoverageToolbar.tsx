// The coverage's question: a month or a quarter (this one first, then the ones before), and — when the person's
// region has places below it — which place, with "refresh" and the CSV and XLSX exports beside them.

import type { ComponentChildren } from 'preact';
import { t } from '../../../shared/i18n.js';
import { RegionPicker, Toolbar } from '../../reports/ReportToolbar.js';
import { serverNow } from '../../state/desk-state.js';
import { coverageRegion, gapFilter, rangeChoice, recentRanges, type RangeKind } from '../visits-choice.js';

const KINDS: readonly RangeKind[] = ['month', 'quarter'];

/** "2026年12月" / "2026年第4季度" from YYYY-MM / YYYY-Qn. */
export function rangeLabel(kind: RangeKind, value: string): string {
  const [year, part] = value.split(kind === 'month' ? '-' : '-Q');
  return t(kind === 'month' ? 'visits.range.monthName' : 'visits.range.quarterName', { year: year ?? '', n: Number(part) });
}

function RangePicker() {
  const choice = rangeChoice.value;
  const now = serverNow();
  const value = choice.kind === 'month' ? choice.month : choice.quarter;
  const options = recentRanges(now, choice.kind, choice.kind === 'month' ? 13 : 6);
  return (
    <div class="report-period" role="group" aria-label={t('visits.range.label')}>
      {KINDS.map((kind) => (
        <button
          key={kind}
          type="button"
          data-testid={`coverage-kind-${kind}`}
          aria-pressed={choice.kind === kind}
          onClick={() => {
            rangeChoice.value = { ...choice, kind };
            gapFilter.value = null;
          }}
        >
          {t(`visits.range.${kind}`)}
        </button>
      ))}
      <select
        data-testid="coverage-range"
        aria-label={t('visits.range.label')}
        value={value}
        onChange={(ev) => {
          const next = ev.currentTarget.value;
          rangeChoice.value = choice.kind === 'month' ? { ...choice, month: next } : { ...choice, quarter: next };
          gapFilter.value = null;
        }}
      >
        {(options.includes(value) ? options : [value, ...options]).map((option) => (
          <option key={option} value={option}>
            {rangeLabel(choice.kind, option)}
          </option>
        ))}
      </select>
    </div>
  );
}

export function CoverageToolbar({ onRefresh, busy, children }: { onRefresh: () => void; busy: boolean; children: ComponentChildren }) {
  const pickers = (
    <>
      <RangePicker />
      <RegionPicker
        testid="coverage-region"
        chosen={coverageRegion.value}
        hideAlone
        onChoose={(id) => {
          coverageRegion.value = id;
          gapFilter.value = null;
        }}
      />
    </>
  );
  return (
    <Toolbar pickers={pickers} refreshTestid="coverage-refresh" onRefresh={onRefresh} busy={busy}>
      {children}
    </Toolbar>
  );
}
