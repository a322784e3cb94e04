// The report's question: which period (a preset as buttons, or two days for a range) and which region (the user's
// own or any town or community below it), with "refresh" and the exports beside them.

import type { ComponentChildren } from 'preact';
import { t } from '../../shared/i18n.js';
import { me, regions } from '../state/desk-state.js';
import { periodChoice, regionChoice, regionSubtree } from './report-choice.js';
import { PRESETS, type Preset } from './report-period.js';

const PRESET_LABELS: Record<Preset, string> = {
  today: 'reports.preset.today',
  week: 'reports.preset.week',
  month: 'reports.preset.month',
  quarter: 'reports.preset.quarter',
  range: 'reports.preset.range',
};

function PeriodPicker() {
  const choice = periodChoice.value;
  return (
    <div class="report-period" role="group" aria-label={t('reports.period.label')}>
      {PRESETS.map((preset) => (
        <button
          key={preset}
          type="button"
          data-testid={`report-preset-${preset}`}
          aria-pressed={choice.preset === preset}
          onClick={() => (periodChoice.value = { ...choice, preset })}
        >
          {t(PRESET_LABELS[preset])}
        </button>
      ))}
      {choice.preset === 'range' ? (
        <span class="report-range">
          <input type="date" aria-label={t('reports.range.from')} data-testid="report-range-from" value={choice.fromDay} max={choice.toDay} onChange={(ev) => (periodChoice.value = { ...choice, fromDay: ev.currentTarget.value })} />
          <span aria-hidden="true">–</span>
          <input type="date" aria-label={t('reports.range.to')} data-testid="report-range-to" value={choice.toDay} min={choice.fromDay} onChange={(ev) => (periodChoice.value = { ...choice, toDay: ev.currentTarget.value })} />
        </span>
      ) : null}
    </div>
  );
}

interface RegionPickerProps {
  testid: string;
  /** The region chosen, null for the user's own. */
  chosen: string | null;
  onChoose: (regionId: string | null) => void;
  /** Shown not at all when the user's region has nothing below it (nothing to choose). */
  hideAlone?: boolean;
}

/** The user's own region or any region below it, indented by depth; also the visits tab's (CoverageToolbar). */
export function RegionPicker({ testid, chosen, onChoose, hideAlone = false }: RegionPickerProps) {
  const own = me.value?.regionId ?? null;
  const options = own ? regionSubtree(regions.value, own) : [];
  if (hideAlone && options.length <= 1) return null;
  // a region no longer offered (another user signed in) falls back to the user's own
  const shown = options.some((o) => o.region.id === chosen) ? chosen : null;
  return (
    <label class="report-region">
      <span>{t('reports.region')}</span>
      <select
        data-testid={testid}
        value={shown ?? ''}
        onChange={(ev) => {
          const id = ev.currentTarget.value;
          onChoose(id === '' || id === own ? null : id);
        }}
      >
        {options.length === 0 ? <option value="">{t('reports.region.own')}</option> : null}
        {options.map(({ region, depth }) => (
          <option key={region.id} value={region.id === own ? '' : region.id} class="typed">
            {`${'\u3000'.repeat(depth)}${region.name}`}
          </option>
        ))}
      </select>
    </label>
  );
}

interface ToolbarProps {
  /** The question's pickers, before "refresh". */
  pickers: ComponentChildren;
  refreshTestid: string;
  onRefresh: () => void;
  busy: boolean;
  /** After "refresh": the exports. */
  children: ComponentChildren;
}

/** The line above a report (alarms, visit coverage): what is asked, "refresh" and the exports. */
export function Toolbar({ pickers, refreshTestid, onRefresh, busy, children }: ToolbarProps) {
  return (
    <div class="report-toolbar">
      {pickers}
      <button type="button" data-testid={refreshTestid} disabled={busy} onClick={onRefresh}>
        {t('reports.refresh')}
      </button>
      {children}
    </div>
  );
}

export function ReportToolbar({ onRefresh, busy, children }: { onRefresh: () => void; busy: boolean; children: ComponentChildren }) {
  const pickers = (
    <>
      <PeriodPicker />
      <RegionPicker testid="report-region" chosen={regionChoice.value} onChoose={(id) => (regionChoice.value = id)} />
    </>
  );
  return (
    <Toolbar pickers={pickers} refreshTestid="report-refresh" onRefresh={onRefresh} busy={busy}>
      {children}
    </Toolbar>
  );
}
