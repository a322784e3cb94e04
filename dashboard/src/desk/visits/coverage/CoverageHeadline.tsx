// The coverage's headline, one row at 1920×1080: what is still waiting to be visited and what was missed come first
// and largest (a rate of 100% for the visits made so far hides the ones not made yet), then the rate, the visits
// owed and the ones that counted. Waiting and missed open the list of those elders below.

import type { VisitCoverage } from '../../../../../schemas/index.js';
import { t } from '../../../shared/i18n.js';
import { percent } from '../../reports/report-format.js';
import { gapFilter, type GapFilter } from '../visits-choice.js';
import { missedOf } from './coverage-tree.js';

type Figures = VisitCoverage['total'];

interface FigureProps {
  testid: string;
  label: string;
  value: string;
  raw: number | null;
  sub: string;
  tone?: 'open' | 'calm' | 'late' | '';
  /** Clicking lists the elders behind the figure (those of this reason); undefined: not a list. */
  reason?: GapFilter['reason'];
}

function Figure({ testid, label, value, raw, sub, tone = '', reason }: FigureProps) {
  const body = (
    <>
      <span class="report-figure-label">{label}</span>
      <span class="report-figure-value" data-testid={`${testid}-value`}>
        {value}
      </span>
      <span class="report-figure-sub">{sub}</span>
    </>
  );
  const common = { class: `report-figure ${tone}`, 'data-testid': testid, 'data-value': raw === null ? undefined : String(raw) };
  if (reason === undefined || raw === 0) return <div {...common}>{body}</div>;
  return (
    <button type="button" {...common} class={`report-figure figure-button ${tone}`} title={t('visits.figure.listTitle')} onClick={() => (gapFilter.value = { regionId: null, reason })}>
      {body}
    </button>
  );
}

export function CoverageHeadline({ total }: { total: Figures }) {
  const waiting = total.gaps.in_progress;
  const missed = missedOf(total.gaps);
  const g = total.gaps;
  return (
    <section class="report-figures coverage-figures" data-testid="coverage-figures" aria-label={t('reports.figures.label')}>
      <Figure testid="coverage-waiting" label={t('visits.figure.waiting')} value={String(waiting)} raw={waiting} tone={waiting > 0 ? 'open' : 'calm'} sub={t('visits.figure.waitingSub')} reason="in_progress" />
      <Figure
        testid="coverage-missed"
        label={t('visits.figure.missed')}
        value={String(missed)}
        raw={missed}
        tone={missed > 0 ? 'open' : 'calm'}
        sub={t('visits.figure.missedSub', { notHome: g.not_home, refused: g.refused, mode: g.mode_not_counted, none: g.not_attempted })}
        reason="missed"
      />
      <Figure testid="coverage-rate" label={t('visits.figure.rate')} value={percent(total.rate)} raw={total.rate} tone={total.rate !== null && total.rate < 1 ? 'late' : ''} sub={t('visits.figure.rateSub', { covered: total.covered, due: total.due })} />
      <Figure testid="coverage-due" label={t('visits.figure.due')} value={String(total.due)} raw={total.due} sub={t('visits.figure.dueSub', { elders: total.elders })} />
      <Figure testid="coverage-covered" label={t('visits.figure.covered')} value={String(total.covered)} raw={total.covered} sub={t('visits.figure.coveredSub')} />
    </section>
  );
}
