// Where every alarm of the period stands: still open first, then resolved, false alarms, cancelled by the elder and
// cleared by the gateway, as one bar and as a sum written out that ends in the number raised. If the parts ever fail
// to add up, the screen says so instead of hiding it.

import { t } from '../../shared/i18n.js';
import { StackedBar, type BarPart } from './charts/StackedBar.js';
import type { ReportReply } from './report-request.js';

export function OutcomesBar({ report }: { report: ReportReply }) {
  const outcomes = report.outcomes;
  if (!outcomes) {
    return (
      <section class="report-panel report-outcomes" data-testid="report-outcomes">
        <h3>{t('reports.outcomes.heading')}</h3>
        <p class="empty">{t('reports.notReported')}</p>
      </section>
    );
  }
  const parts: BarPart[] = [
    { key: 'open', label: t('reports.outcome.open'), count: outcomes.open, tone: 'tone-open' },
    { key: 'resolved', label: t('reports.outcome.resolved'), count: outcomes.resolved, tone: 'tone-resolved' },
    { key: 'falseAlarms', label: t('reports.outcome.falseAlarms'), count: outcomes.falseAlarms, tone: 'tone-false' },
    { key: 'cancelled', label: t('reports.outcome.cancelled'), count: outcomes.cancelled, tone: 'tone-cancelled' },
    { key: 'cleared', label: t('reports.outcome.cleared'), count: outcomes.cleared, tone: 'tone-cleared' },
  ];
  const sum = parts.reduce((total, part) => total + part.count, 0);
  return (
    <section class="report-panel report-outcomes" data-testid="report-outcomes" aria-labelledby="report-outcomes-heading">
      <h3 id="report-outcomes-heading">{t('reports.outcomes.heading')}</h3>
      <StackedBar parts={parts} testid="report-outcome" label={t('reports.outcomes.heading')} />
      <p class="report-sum" data-testid="report-outcomes-sum">
        {parts.map((part) => `${part.label} ${part.count}`).join(' + ')} = {t('reports.outcome.raised')} <b>{outcomes.raised}</b>
      </p>
      {sum !== outcomes.raised ? (
        <p class="report-mismatch" role="alert" data-testid="report-outcomes-mismatch">
          {t('reports.outcomes.mismatch', { sum, raised: outcomes.raised })}
        </p>
      ) : null}
    </section>
  );
}
