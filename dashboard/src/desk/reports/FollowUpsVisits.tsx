// After the alarms: the follow-up visits (回访) opened when an alarm was resolved — done, still to do, overdue — and
// the monthly visits (探访) due in the period by what the visitor found, with those not done yet first.

import type { AlarmReport } from '../../../../schemas/index.js';
import { known, t } from '../../shared/i18n.js';
import { StackedBar, type BarPart } from './charts/StackedBar.js';
import { percent } from './report-format.js';

const OUTCOME_TONES: Record<string, string> = { visited: 'tone-resolved', not_home: 'tone-false', refused: 'tone-cancelled' };

function FollowUps({ followUps }: { followUps: AlarmReport['followUps'] }) {
  const pending = followUps.due - followUps.done - followUps.overdue;
  const parts: BarPart[] = [
    { key: 'overdue', label: t('reports.followUps.overdue'), count: followUps.overdue, tone: 'tone-open' },
    { key: 'pending', label: t('reports.followUps.pending'), count: Math.max(0, pending), tone: 'tone-cleared' },
    { key: 'done', label: t('reports.followUps.done'), count: followUps.done, tone: 'tone-resolved' },
  ];
  return (
    <div class="report-sub" data-testid="report-followups" data-due={followUps.due}>
      <h4>
        {t('reports.followUps.heading')} <span class="report-rate">{t('reports.followUps.rate', { done: followUps.done, due: followUps.due, pct: percent(followUps.rate) })}</span>
      </h4>
      {followUps.due > 0 ? <StackedBar parts={parts} testid="report-followup" label={t('reports.followUps.heading')} /> : <p class="empty">{t('reports.followUps.none')}</p>}
    </div>
  );
}

function Visits({ visits }: { visits: AlarmReport['visits'] }) {
  const parts: BarPart[] = [
    { key: 'open', label: t('reports.visits.open'), count: visits.open, tone: 'tone-open' },
    ...visits.byOutcome.map(({ outcome, count }) => ({ key: outcome, label: known(`outcome.${outcome}`) ?? outcome, count, tone: OUTCOME_TONES[outcome] ?? 'tone-cleared' })),
  ];
  return (
    <div class="report-sub" data-testid="report-visits" data-due={visits.due}>
      <h4>
        {t('reports.visits.heading')} <span class="report-rate">{t('reports.visits.due', { n: visits.due })}</span>
      </h4>
      {visits.due > 0 ? <StackedBar parts={parts} testid="report-visit" label={t('reports.visits.heading')} /> : <p class="empty">{t('reports.visits.none')}</p>}
    </div>
  );
}

export function FollowUpsVisits({ followUps, visits }: { followUps: AlarmReport['followUps'] | undefined; visits: AlarmReport['visits'] | undefined }) {
  return (
    <section class="report-panel" aria-labelledby="report-care-heading">
      <h3 id="report-care-heading">{t('reports.care.heading')}</h3>
      {followUps ? <FollowUps followUps={followUps} /> : <p class="empty">{t('reports.notReported')}</p>}
      {visits ? <Visits visits={visits} /> : null}
    </section>
  );
}
