// The elder's recent readings beside the alarm (GET /elders/:id/readings: raw for the last hour, 5-minute averages
// before that): one chart per charted metric and device, in the order the desk reads them; positions and step
// counts are not charted. A word instead when there is nothing to draw or the request failed.

import { useRef } from 'preact/hooks';
import type { ReadingSeries } from '../../../../schemas/index.js';
import { getElderReadings } from '../../shared/api.js';
import { t } from '../../shared/i18n.js';
import { LoadStatus } from './LoadStatus.js';
import { ReadingChart } from './ReadingChart.js';
import { useLoad } from './use-load.js';
import { useWidth } from './use-width.js';

const CHARTED = ['heartRate', 'spo2', 'breathingRate', 'skinTemperature', 'battery'];
/** Below this the time axis has no room for its labels. */
const MIN_CHART_WIDTH = 280;

function charted(series: ReadingSeries[]): ReadingSeries[] {
  return series.filter((s) => CHARTED.includes(s.metric) && s.points.length > 0).sort((a, b) => CHARTED.indexOf(a.metric) - CHARTED.indexOf(b.metric));
}

export function ReadingsCharts({ elderId }: { elderId: string }) {
  const readings = useLoad(elderId, (session) => getElderReadings(session, elderId));
  const box = useRef<HTMLDivElement>(null);
  const width = useWidth(box);
  const shown = readings.state === 'ok' ? charted(readings.value.series) : [];
  const sameMetric = (metric: string) => shown.filter((s) => s.metric === metric).length > 1;
  return (
    <div class="detail-readings" data-testid="detail-readings" ref={box}>
      <LoadStatus loaded={readings} failedKey="readings.failed" />
      {readings.state === 'ok' && shown.length === 0 ? <p class="dialog-status">{t('readings.none')}</p> : null}
      {width > 0
        ? shown.map((series) => (
            <ReadingChart
              key={`${series.deviceId}:${series.metric}`}
              series={series}
              width={Math.max(MIN_CHART_WIDTH, width)}
              {...(sameMetric(series.metric) ? { device: series.deviceId } : {})}
            />
          ))
        : null}
    </div>
  );
}
