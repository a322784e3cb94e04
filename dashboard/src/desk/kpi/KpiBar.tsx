// The shift's numbers above the tabs, large enough to read from the chair: open alerts by priority (live from the
// alert book; a P1 in red), today's time to acknowledge and the share within 60 s, devices offline, and this month's
// visits. The report figures come from the gateway's alarm report (shift-reports.ts), so the strip and the reports
// mean the same: alerts still waiting past 60 s count as misses, at their age so far. Every tile says in a caption
// what it counts, so a good-looking number cannot hide what it leaves out. "—" where there is nothing to measure yet.

import { useComputed } from '@preact/signals';
import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { formatAge, t } from '../../shared/i18n.js';
import { alerts, alertsRev } from '../state/desk-state.js';
import { devicesOffline } from '../state/desk-wall.js';
import { alarmReport, visitCoverage } from './shift-reports.js';
import { watchShiftReports } from './shift-report-triggers.js';
import '../../styles/kpi.css';

const NONE = '—';
const percent = (share: number) => `${Math.round(share * 100)}%`;

export function KpiBar() {
  useEffect(() => watchShiftReports(), []);
  return (
    <section class="kpi-bar" data-testid="kpi-bar" aria-label={t('kpi.label')}>
      <OpenAlerts />
      <TimeToAcknowledge />
      <DevicesOffline />
      <Visits />
    </section>
  );
}

function OpenAlerts() {
  const counts = useComputed(() => {
    void alertsRev.value;
    const byPriority = [0, 0, 0];
    for (const alert of alerts.openSorted()) byPriority[alert.priority - 1] = (byPriority[alert.priority - 1] ?? 0) + 1;
    return byPriority;
  }).value;
  return (
    <>
      {counts.map((n, i) => (
        <Tile
          key={i}
          testid={`kpi-open-p${i + 1}`}
          label={t('kpi.openP', { p: `P${i + 1}` })}
          note={t('kpi.openNote')}
          value={String(n)}
          raw={n}
          tone={i === 0 && n > 0 ? 'alarm' : ''}
        />
      ))}
    </>
  );
}

function TimeToAcknowledge() {
  const ack = alarmReport.value?.timeToAcknowledge ?? null;
  const median = ack?.medianSeconds ?? null;
  const share = ack?.within60sShare ?? null;
  // a gateway older than issue 20 sends no `waiting`: then nothing is known to wait
  const waiting = ack?.waiting ?? 0;
  const counted = [ack && ack.count > 0 ? t('kpi.ackCount', { n: ack.count }) : null, waiting > 0 ? t('kpi.ackWaiting', { n: waiting }) : null];
  return (
    <>
      <Tile
        testid="kpi-ack-median"
        label={t('kpi.ackMedian')}
        note={t('kpi.ackMedianNote')}
        value={median === null ? NONE : formatAge(median * 1000)}
        raw={median}
        sub={counted.filter((part) => part !== null).join(' · ') || null}
        tone={waiting > 0 ? 'late' : ''}
      />
      <Tile
        testid="kpi-ack-within60"
        label={t('kpi.ackWithin60')}
        note={t('kpi.ackWithin60Note')}
        value={share === null ? NONE : percent(share)}
        raw={share}
        sub={waiting > 0 ? <span data-testid="kpi-ack-waiting" data-value={waiting}>{t('kpi.ackWaiting', { n: waiting })}</span> : null}
        tone={waiting > 0 ? 'late' : ''}
      />
    </>
  );
}

function DevicesOffline() {
  const offline: number | null = devicesOffline.value;
  return (
    <Tile
      testid="kpi-devices-offline"
      label={t('kpi.devicesOffline')}
      note={t('kpi.devicesOfflineNote')}
      value={offline === null ? NONE : String(offline)}
      raw={offline}
    />
  );
}

/** Summed over the communities of the desk's region (the report's total row). */
function Visits() {
  const total = visitCoverage.value?.total ?? null;
  const measured = total !== null && total.due > 0;
  return (
    <Tile
      testid="kpi-visits"
      label={t('kpi.visits')}
      note={t('kpi.visitsNote')}
      value={measured ? `${total.covered} / ${total.due}` : NONE}
      raw={measured ? total.covered : null}
      sub={measured && total.rate !== null ? t('kpi.visitsRate', { pct: Math.round(total.rate * 100) }) : null}
    />
  );
}

interface TileProps {
  testid: string;
  label: string;
  /** What the figure counts, in a few words under the label (and whole in the tooltip). */
  note: string;
  value: string;
  /** The number behind the value (data-value), for tests and tools; absent when there is none. */
  raw: number | null;
  sub?: ComponentChildren;
  tone?: string;
}

function Tile({ testid, label, note, value, raw, sub, tone }: TileProps) {
  return (
    <div class={tone ? `kpi-tile ${tone}` : 'kpi-tile'} data-testid={testid} data-value={raw === null ? undefined : String(raw)} title={`${label}: ${note}`}>
      <span class="kpi-label">
        {label}
        <span class="kpi-note" data-testid={`${testid}-note`}>
          {note}
        </span>
      </span>
      <span class="kpi-value" data-testid={`${testid}-value`}>
        {value}
      </span>
      <span class="kpi-sub">{sub}</span>
    </div>
  );
}
