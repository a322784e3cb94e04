// The report's headline, one row at 1920×1080: what is still open first and largest (with how many wait past 60 s
// unacknowledged), then how many were raised, then the times from raising to acknowledging, dispatching, accepting,
// arriving and closing, and the false-alarm rate. A time tile says how many alerts it measured, so a fast median
// over two alerts does not pass for the whole period.

import type { ComponentChildren } from 'preact';
import type { AlarmReport } from '../../../../schemas/index.js';
import { t } from '../../shared/i18n.js';
import { NONE, percent, seconds, whole } from './report-format.js';
import type { ReportReply } from './report-request.js';

type Stats = AlarmReport['timeToArrive'];

interface FigureProps {
  testid: string;
  label: string;
  value: string;
  /** The number behind the value (data-value), for tests and tools; absent when there is none. */
  raw: number | null | undefined;
  sub?: ComponentChildren;
  tone?: 'open' | 'late' | 'calm' | '';
}

function Figure({ testid, label, value, raw, sub, tone = '' }: FigureProps) {
  return (
    <div class={`report-figure ${tone}`} data-testid={testid} data-value={typeof raw === 'number' ? String(raw) : undefined}>
      <span class="report-figure-label">{label}</span>
      <span class="report-figure-value" data-testid={`${testid}-value`}>
        {value}
      </span>
      <span class="report-figure-sub">{sub}</span>
    </div>
  );
}

/** A stage's median, with P90 and how many alerts it measured under it; "not reported" from an older gateway. */
function StageFigure({ testid, label, stats }: { testid: string; label: string; stats: Stats | undefined }) {
  if (!stats) return <Figure testid={testid} label={label} value={NONE} raw={null} sub={t('reports.notReported')} />;
  const sub = stats.count > 0 ? t('reports.stage.sub', { p90: seconds(stats.p90Seconds), n: stats.count }) : t('reports.stage.none');
  return <Figure testid={testid} label={label} value={seconds(stats.medianSeconds)} raw={stats.medianSeconds} sub={sub} />;
}

export function HeadlineFigures({ report }: { report: ReportReply }) {
  const ack = report.timeToAcknowledge;
  const open = report.outcomes?.open;
  const waiting = ack.waiting ?? 0;
  return (
    <section class="report-figures" data-testid="report-figures" aria-label={t('reports.figures.label')}>
      <Figure
        testid="report-open"
        label={t('reports.figure.open')}
        value={whole(open)}
        raw={open}
        tone={open === undefined ? '' : open > 0 ? 'open' : 'calm'}
        sub={
          open === undefined ? (
            t('reports.notReported')
          ) : waiting > 0 ? (
            <span class="report-waiting" data-testid="report-ack-waiting" data-value={waiting}>
              {t('reports.figure.waiting', { n: waiting })}
            </span>
          ) : (
            t('reports.figure.noneWaiting')
          )
        }
      />
      <Figure
        testid="report-raised"
        label={t('reports.figure.raised')}
        value={String(report.total)}
        raw={report.total}
        sub={report.testAlerts > 0 ? t('reports.figure.tests', { n: report.testAlerts }) : t('reports.figure.realOnly')}
      />
      <Figure
        testid="report-ack-median"
        label={t('reports.figure.ack')}
        value={seconds(ack.medianSeconds)}
        raw={ack.medianSeconds}
        tone={waiting > 0 ? 'late' : ''}
        sub={t('reports.figure.ackSub', { n: ack.count, waiting })}
      />
      <Figure
        testid="report-ack-within60"
        label={t('reports.figure.within60')}
        value={percent(ack.within60sShare)}
        raw={ack.within60sShare}
        tone={waiting > 0 ? 'late' : ''}
        sub={t('reports.figure.within60Sub')}
      />
      <StageFigure testid="report-dispatch" label={t('reports.figure.dispatch')} stats={report.timeToDispatch} />
      <StageFigure testid="report-accept" label={t('reports.figure.accept')} stats={report.timeToAccept} />
      <StageFigure testid="report-arrive" label={t('reports.figure.arrive')} stats={report.timeToArrive} />
      <StageFigure testid="report-resolve" label={t('reports.figure.resolve')} stats={report.timeToResolve} />
      <Figure
        testid="report-false-rate"
        label={t('reports.figure.falseRate')}
        value={percent(report.falseAlarmRate)}
        raw={report.falseAlarmRate}
        sub={t('reports.figure.falseSub', { n: report.falseAlarms })}
      />
    </section>
  );
}
