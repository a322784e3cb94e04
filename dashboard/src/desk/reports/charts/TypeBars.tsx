// Alarms of the period by type, one bar each, life-safety types first (the gateway's order) in their priority's
// colour, so a week of falls stands out from a week of low batteries.

import type { AlarmReport } from '../../../../../schemas/index.js';
import { typeLabel } from '../../../shared/labels.js';
import { t } from '../../../shared/i18n.js';
import { widthOf } from '../report-format.js';

export function TypeBars({ byType }: { byType: AlarmReport['byType'] }) {
  const largest = Math.max(1, ...byType.map((row) => row.count));
  return (
    <section class="report-panel report-types" data-testid="report-types" aria-labelledby="report-types-heading">
      <h3 id="report-types-heading">{t('reports.types.heading')}</h3>
      {byType.length === 0 ? <p class="empty">{t('reports.types.none')}</p> : null}
      <ul class="type-bars">
        {byType.map((row) => (
          <li key={row.type} data-testid="report-type-row" data-type={row.type} data-value={row.count}>
            <span class="type-name">
              <span class={`prio-tag p${row.priority}`}>P{row.priority}</span> {typeLabel(row.type)}
            </span>
            <span class="type-track">
              <span class={`type-fill p${row.priority}`} style={{ width: `${widthOf(row.count, largest)}%` }} />
            </span>
            <b class="type-count">{row.count}</b>
          </li>
        ))}
      </ul>
    </section>
  );
}
