// The home's daily activity over the last weeks on its panel: motion + door events a day as a uPlot line, the
// baseline the trend rule compares with as a dashed line, and a line of words saying whether a drop opened a
// wellness check (GET /api/v1/elders/:id/activity; activity-trend.rule.ts on the gateway decides, the page only shows).

import { useLayoutEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { ActivityReply } from '../../../../schemas/index.js';
import { getElderActivity } from '../../shared/api.js';
import { lang, t } from '../../shared/i18n.js';
import { useLoad } from '../detail/use-load.js';
import { useWidth } from '../detail/use-width.js';

const DAYS = 28;
const CHART_HEIGHT = 120;
const AXIS_FONT = '12px system-ui, sans-serif';

function chartOptions(reply: ActivityReply, width: number): uPlot.Options {
  const days = reply.days.map((d) => d.day.slice(5));
  return {
    width,
    height: CHART_HEIGHT,
    legend: { show: false },
    cursor: { drag: { x: false, y: false } },
    scales: { x: { time: false }, y: { range: (_u, _min, max) => [0, Math.max(max, reply.baseline?.events ?? 0) * 1.15 || 1] } },
    axes: [
      { font: AXIS_FONT, size: 24, values: (_u, splits) => splits.map((i) => days[Math.round(i)] ?? '') },
      { font: AXIS_FONT, size: 36 },
    ],
    series: [
      {},
      { label: t('activity.events'), stroke: '#1565c0', width: 2, points: { show: reply.days.length < 40 } },
      { label: t('activity.baseline', { n: '' }), stroke: '#757575', width: 1, dash: [6, 4], points: { show: false } },
    ],
  };
}

function TrendChart({ reply, width }: { reply: ActivityReply; width: number }) {
  const language = lang.value;
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  useLayoutEffect(() => {
    if (!box.current || width === 0) return;
    const xs = reply.days.map((_, i) => i);
    const events = reply.days.map((d) => d.motionEvents + d.doorEvents);
    const baseline = reply.days.map(() => reply.baseline?.events ?? null);
    const chart = new uPlot(chartOptions(reply, width), [xs, events, baseline], box.current);
    plot.current = chart;
    return () => {
      chart.destroy();
      plot.current = null;
    };
    // created with the width of the moment; later widths only resize
  }, [reply, language, width === 0]);
  useLayoutEffect(() => {
    if (width > 0) plot.current?.setSize({ width, height: CHART_HEIGHT });
  }, [width]);
  return <div class="activity-plot" ref={box} />;
}

export function ActivityTrend({ elderId }: { elderId: string }) {
  const loaded = useLoad(elderId, (session) => getElderActivity(session, elderId, DAYS));
  const figure = useRef<HTMLElement>(null);
  const width = useWidth(figure);
  const reply = loaded.state === 'ok' ? loaded.value : null;
  const last = reply?.days.at(-1);
  return (
    <figure class="activity-trend" data-testid="activity-trend" data-days={reply ? String(reply.days.length) : undefined} ref={figure}>
      <figcaption class="activity-caption">{t('activity.heading', { n: DAYS })}</figcaption>
      {loaded.state === 'loading' ? <p class="empty">{t('activity.loading')}</p> : null}
      {loaded.state === 'failed' ? <p class="empty">{t('activity.failed')}</p> : null}
      {reply && reply.days.length === 0 ? <p class="empty">{t('activity.none')}</p> : null}
      {reply && reply.days.length > 0 ? <TrendChart reply={reply} width={width} /> : null}
      {reply ? (
        <p class="activity-baseline" data-testid="activity-baseline">
          {reply.baseline ? t('activity.baseline', { n: Math.round(reply.baseline.events) }) : t('activity.noBaseline')}
        </p>
      ) : null}
      {last ? (
        <p class="activity-last">
          {t('activity.lastDay', { day: last.day.slice(5), events: last.motionEvents + last.doorEvents, steps: last.steps, hours: Math.round((last.bedMinutes / 60) * 10) / 10 })}
        </p>
      ) : null}
      {reply?.dropSince ? (
        <p class="activity-drop warn" data-testid="activity-drop">
          {t('activity.drop', { day: reply.dropSince })}
        </p>
      ) : null}
    </figure>
  );
}
