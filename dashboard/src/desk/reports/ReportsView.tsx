// The reports screen for a supervisor or an operator: the alarms of a period (today, this week, this month, this
// quarter or a range of days) in their region or any town or community below it. The question and the headline fit
// the top of a 1920×1080 screen without scrolling — what is still open first — then where every alarm stands (adding
// up to the number raised), the breakdown per town and community, the alarm types, the responders, the follow-ups
// and visits. CSV and XLSX of the same period and region for whoever the figures go to.

import { t } from '../../shared/i18n.js';
import { ListStatus } from '../../shared/ui/ListStatus.js';
import { Typed } from '../../shared/ui/Typed.js';
import { BreakdownTable } from './BreakdownTable.js';
import { TypeBars } from './charts/TypeBars.js';
import { ExportButtons } from './ExportButtons.js';
import { FollowUpsVisits } from './FollowUpsVisits.js';
import { HeadlineFigures } from './HeadlineFigures.js';
import { OutcomesBar } from './OutcomesBar.js';
import { periodText } from './report-format.js';
import { ReportToolbar } from './ReportToolbar.js';
import { ResponderTable } from './ResponderTable.js';
import { useAlarmReport } from './use-alarm-report.js';
import '../../styles/reports.css';

export function ReportsView() {
  const { loaded, refresh, stale } = useAlarmReport();
  const { report, state, period } = loaded;
  return (
    <section class="reports" data-testid="reports" data-state={state} aria-labelledby="reports-heading">
      <div class="reports-head">
        <h2 id="reports-heading">
          {t('reports.heading')}
          {report?.regionName ? (
            <>
              {' · '}
              <Typed value={report.regionName} testid="report-region-name" />
            </>
          ) : null}
        </h2>
        {period ? (
          <span class="report-period-text" data-testid="report-period-text">
            {periodText(period)}
          </span>
        ) : null}
      </div>
      <ReportToolbar onRefresh={refresh} busy={state === 'loading'}>
        <ExportButtons asked={state === 'no-period' || stale ? null : loaded.asked} />
      </ReportToolbar>
      {state === 'no-period' ? <p class="empty" data-testid="report-no-period">{t('reports.period.invalid')}</p> : null}
      <ListStatus failed={state === 'failed' ? loaded.error : null} loading={state === 'loading' && report === null} empty={null} />
      {report && state !== 'no-period' ? (
        <div class={stale ? 'report-body stale' : 'report-body'} data-testid="report-body">
          <HeadlineFigures report={report} />
          <div class="report-columns">
            <div class="report-column">
              <OutcomesBar report={report} />
              <BreakdownTable rows={report.breakdown} />
              <ResponderTable rows={report.responders} />
            </div>
            <div class="report-column">
              <TypeBars byType={report.byType} />
              <FollowUpsVisits followUps={report.followUps} visits={report.visits} />
            </div>
          </div>
        </div>
      ) : null}
    </section>
  );
}
