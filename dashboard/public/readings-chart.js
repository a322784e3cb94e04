// The elder's recent readings beside an alarm: one small uPlot chart per metric (heart rate, SpO2, ...), from
// GET /elders/:id/readings (the gateway's recent window: raw for the last hour, 5-minute averages before that).
// uPlot is served by the gateway from its npm package under /vendor/uplot/.

import uPlot from '/vendor/uplot/uPlot.esm.js';
import { getElderReadings } from './api.js';
import { t } from './i18n.js';
import { el } from './rows.js';

/** Metrics worth a chart beside an alarm, in the order the desk reads them; positions are not charted. */
const CHARTED = ['heartRate', 'spo2', 'breathingRate', 'skinTemperature', 'battery'];
const CHART_HEIGHT = 120;
const LINE_COLOURS = { heartRate: '#c62828', spo2: '#1565c0', breathingRate: '#2e7d32', skinTemperature: '#ef6c00', battery: '#6d4c41' };

/** 24-hour HH:MM in both languages (uPlot's default would print "1:50pm" on a Chinese screen). */
const hourMinute = (seconds) => {
  const d = new Date(seconds * 1000);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
};

function chartOf(series, width) {
  const box = el('figure', 'reading-chart');
  box.dataset.testid = 'reading-chart';
  box.dataset.metric = series.metric;
  const last = series.points.at(-1);
  const caption = el('figcaption', 'reading-caption', `${t(`metric.${series.metric}`)} (${series.unit})`);
  if (last) caption.append(el('span', 'reading-last', t('readings.last', { value: String(Math.round(last.v * 10) / 10) })));
  box.append(caption);
  const xs = series.points.map((p) => p.t / 1000);
  const ys = series.points.map((p) => p.v);
  // uPlot needs the element in the document to measure; it is created after the figure is attached.
  queueMicrotask(() => {
    new uPlot(
      {
        width,
        height: CHART_HEIGHT,
        legend: { show: false },
        cursor: { drag: { x: false, y: false } },
        scales: { x: { time: true } },
        axes: [{ size: 28, values: (_u, splits) => splits.map(hourMinute) }, { size: 44 }],
        series: [{}, { label: t(`metric.${series.metric}`), stroke: LINE_COLOURS[series.metric] ?? '#333', width: 2, points: { show: xs.length < 60 } }],
      },
      [xs, ys],
      box,
    );
  });
  return box;
}

/**
 * Fills `container` with the charts of the elder's recent readings. `isCurrent` says whether the dialog still
 * shows the same alert when the reply arrives.
 */
export async function showReadings(container, token, elderId, isCurrent) {
  container.replaceChildren(el('p', 'dialog-status', t('detail.loading')));
  let reply;
  try {
    reply = await getElderReadings(token, elderId);
  } catch {
    if (isCurrent()) container.replaceChildren(el('p', 'dialog-status', t('readings.failed')));
    return;
  }
  if (!isCurrent()) return;
  const charted = reply.series
    .filter((s) => CHARTED.includes(s.metric) && s.points.length > 0)
    .sort((a, b) => CHARTED.indexOf(a.metric) - CHARTED.indexOf(b.metric));
  if (charted.length === 0) {
    container.replaceChildren(el('p', 'dialog-status', t('readings.none')));
    return;
  }
  const width = Math.max(280, Math.min(container.clientWidth || 640, 900));
  container.replaceChildren(...charted.map((s) => chartOf(s, width)));
}
