// One metric of the elder's recent readings as a small uPlot chart: the caption names the metric and its unit and
// gives the latest value; the axes say time and unit in the page's language, so the chart is drawn again when the
// language changes (and resized, not redrawn, when the dialog's width changes).

import { useLayoutEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { ReadingSeries } from '../../../../schemas/index.js';
import { known, lang, t } from '../../shared/i18n.js';

const CHART_HEIGHT = 150;
const LINE_COLOURS: Record<string, string> = {
  heartRate: '#c62828',
  spo2: '#1565c0',
  breathingRate: '#2e7d32',
  skinTemperature: '#ef6c00',
  battery: '#6d4c41',
};
const AXIS_FONT = '13px system-ui, sans-serif';
const LABEL_FONT = 'bold 13px system-ui, sans-serif';
/** More points than this and the line alone reads better than dots on it. */
const DOTS_UP_TO = 60;

/** The shortest time axis drawn, in seconds. */
const MIN_SPAN_S = 10 * 60;

function timeRange(series: ReadingSeries): [number, number] {
  const times = series.points.map((p) => p.t / 1000);
  const last = Math.max(...times);
  return [Math.min(Math.min(...times), last - MIN_SPAN_S), last + 30];
}

const pad = (n: number) => String(n).padStart(2, '0');
/** 24-hour HH:MM in both languages (uPlot's default would print "1:50pm" on a Chinese screen). */
const hourMinute = (seconds: number) => {
  const d = new Date(seconds * 1000);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

/** " 次/分" / " bpm" / "%": the unit in the page's language as it follows a number; as sent when the page has no word for it. */
const unitAfterNumber = (unit: string) => known(`unit.${unit}`) ?? ` ${unit}`;
/** "次/分" / "bpm": the unit alone, for the caption and the axis. */
const unitText = (unit: string) => unitAfterNumber(unit).trim();

const round1 = (n: number) => String(Math.round(n * 10) / 10);

function chartOptions(series: ReadingSeries, width: number): uPlot.Options {
  return {
    width,
    height: CHART_HEIGHT,
    legend: { show: false },
    cursor: { drag: { x: false, y: false } },
    // At least the last ten minutes: one point or a few seconds of them (a device that just started reporting)
    // would otherwise give a time axis too short to label.
    scales: { x: { time: true, auto: false, range: timeRange(series) } },
    axes: [
      { label: t('readings.axisTime'), labelSize: 20, labelFont: LABEL_FONT, font: AXIS_FONT, size: 30, values: (_u, splits) => splits.map(hourMinute) },
      { label: unitText(series.unit), labelSize: 20, labelFont: LABEL_FONT, font: AXIS_FONT, size: 48 },
    ],
    series: [
      {},
      {
        label: t(`metric.${series.metric}`),
        stroke: LINE_COLOURS[series.metric] ?? '#333',
        width: 2,
        points: { show: series.points.length < DOTS_UP_TO },
      },
    ],
  };
}

/** `device`: named in the caption when the elder has several devices measuring the same thing (two batteries). */
export function ReadingChart({ series, width, device }: { series: ReadingSeries; width: number; device?: string }) {
  const language = lang.value;
  const plotBox = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const last = series.points.at(-1);
  const unit = unitText(series.unit);

  // in the same commit as the figure, so a chart on screen always has its canvas
  useLayoutEffect(() => {
    const box = plotBox.current;
    if (!box) return;
    const data: uPlot.AlignedData = [series.points.map((p) => p.t / 1000), series.points.map((p) => p.v)];
    const chart = new uPlot(chartOptions(series, width), data, box);
    plot.current = chart;
    return () => {
      chart.destroy();
      plot.current = null;
    };
    // the width at creation is used; later widths only resize (the effect below)
  }, [series, language]);

  useLayoutEffect(() => {
    plot.current?.setSize({ width, height: CHART_HEIGHT });
  }, [width]);

  return (
    <figure class="reading-chart" data-testid="reading-chart" data-metric={series.metric} data-device-id={series.deviceId}>
      <figcaption class="reading-caption">
        {t('readings.caption', { metric: t(`metric.${series.metric}`), unit })}
        {device ? <span class="reading-device typed">{device}</span> : null}
        {last ? <span class="reading-last">{t('readings.last', { value: `${round1(last.v)}${unitAfterNumber(series.unit)}` })}</span> : null}
      </figcaption>
      <div class="reading-plot" ref={plotBox} />
    </figure>
  );
}
