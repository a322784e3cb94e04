// Every place below the report's region, at every depth, as a tree table with subtotals: due, covered, the rate, and
// why the rest were not covered. A place opens to the places below it. Clicking a place lists its uncovered visits
// beside the table; clicking a count lists only those of that reason. The gateway's order is kept (places by name),
// so a county's twenty communities stand where the supervisor last saw them.

import { useState } from 'preact/hooks';
import type { VisitCoverage, VisitGapReason } from '../../../../../schemas/index.js';
import { t } from '../../../shared/i18n.js';
import { Typed } from '../../../shared/ui/Typed.js';
import { percent } from '../../reports/report-format.js';
import { gapFilter } from '../visits-choice.js';
import { initiallyExpanded, visibleRows, withChildren, type CoverageRow } from './coverage-tree.js';
import { levelName } from './level-names.js';

/** The reason columns, in the order the brief of the county's plan reads them. */
const REASON_COLUMNS: readonly VisitGapReason[] = ['not_home', 'refused', 'mode_not_counted', 'not_attempted', 'in_progress'];

function GapCount({ row, reason }: { row: CoverageRow; reason: VisitGapReason }) {
  const n = row.gaps[reason];
  const chosen = gapFilter.value;
  const current = chosen?.regionId === row.regionId && chosen.reason === reason;
  return (
    <td class={n > 0 ? `num gap gap-${reason}` : 'num'} data-testid={`coverage-row-${reason}`}>
      {n > 0 ? (
        <button type="button" class="count" aria-pressed={current} title={t('visits.figure.listTitle')} onClick={() => (gapFilter.value = { regionId: row.regionId, reason })}>
          {n}
        </button>
      ) : (
        n
      )}
    </td>
  );
}

interface RowProps {
  row: CoverageRow;
  expandable: boolean;
  expanded: boolean;
  onToggle: () => void;
}

function TreeRow({ row, expandable, expanded, onToggle }: RowProps) {
  const chosen = gapFilter.value?.regionId === row.regionId;
  const short = row.rate !== null && row.rate < 1;
  return (
    <tr data-testid="coverage-row" data-region-id={row.regionId} data-depth={row.depth} class={chosen ? 'chosen' : undefined} aria-current={chosen ? 'true' : undefined}>
      <th scope="row" style={{ paddingLeft: `${0.45 + (row.depth - 1) * 1.4}rem` }}>
        {expandable ? (
          <button type="button" class="expand" data-testid="coverage-expand" aria-expanded={expanded} aria-label={t(expanded ? 'visits.tree.collapse' : 'visits.tree.expand')} onClick={onToggle}>
            <span aria-hidden="true">{expanded ? '▾' : '▸'}</span>
          </button>
        ) : (
          <span class="expand-space" aria-hidden="true" />
        )}
        <button type="button" class="place" data-testid="coverage-place" title={t('visits.tree.listTitle')} onClick={() => (gapFilter.value = { regionId: row.regionId, reason: null })}>
          <Typed value={row.regionName} />
        </button>
        <span class="level">{levelName(row.level)}</span>
      </th>
      <td class="num" data-testid="coverage-row-due">
        {row.due}
      </td>
      <td class="num" data-testid="coverage-row-covered">
        {row.covered}
      </td>
      <td class={short ? 'num short' : 'num'} data-testid="coverage-row-rate">
        {percent(row.rate)}
      </td>
      {REASON_COLUMNS.map((reason) => (
        <GapCount key={reason} row={row} reason={reason} />
      ))}
    </tr>
  );
}

type Figures = VisitCoverage['total'];

/** The report's own region first, as the sum every place below adds up to; clicking it lists every gap. */
function TotalRow({ total, rootName }: { total: Figures; rootName: string }) {
  const chosen = gapFilter.value?.regionId === null || gapFilter.value === null;
  return (
    <tr class={chosen ? 'total chosen' : 'total'} data-testid="coverage-total-row">
      <th scope="row">
        <button type="button" class="place" data-testid="coverage-place" title={t('visits.tree.listTitle')} onClick={() => (gapFilter.value = { regionId: null, reason: null })}>
          {t('visits.tree.total', { name: rootName })}
        </button>
      </th>
      <td class="num">{total.due}</td>
      <td class="num">{total.covered}</td>
      <td class={total.rate !== null && total.rate < 1 ? 'num short' : 'num'}>{percent(total.rate)}</td>
      {REASON_COLUMNS.map((reason) => (
        <td key={reason} class="num">
          {total.gaps[reason]}
        </td>
      ))}
    </tr>
  );
}

export function CoverageTree({ rows, total, rootName }: { rows: readonly CoverageRow[]; total: Figures; rootName: string }) {
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => initiallyExpanded(rows));
  const parents = withChildren(rows);
  const toggle = (id: string) => {
    const next = new Set(expanded);
    if (!next.delete(id)) next.add(id);
    setExpanded(next);
  };
  const shown = visibleRows(rows, expanded);
  return (
    <section class="report-panel coverage-tree" data-testid="coverage-tree" aria-labelledby="coverage-tree-heading">
      <div class="panel-head">
        <h3 id="coverage-tree-heading">{t('visits.tree.heading', { name: rootName })}</h3>
        {parents.size > 0 ? (
          <span class="panel-tools">
            <button type="button" class="small" data-testid="coverage-expand-all" onClick={() => setExpanded(new Set(parents))}>
              {t('visits.tree.expandAll')}
            </button>
            <button type="button" class="small" data-testid="coverage-collapse-all" onClick={() => setExpanded(new Set())}>
              {t('visits.tree.collapseAll')}
            </button>
          </span>
        ) : null}
      </div>
      {rows.length === 0 ? <p class="empty">{t('visits.tree.none')}</p> : null}
      {rows.length > 0 ? (
        <div class="table-scroll">
          <table class="report-table coverage-table">
            <thead>
              <tr>
                <th scope="col">{t('reports.col.region')}</th>
                <th scope="col" class="num">{t('visits.col.due')}</th>
                <th scope="col" class="num">{t('visits.col.covered')}</th>
                <th scope="col" class="num">{t('visits.col.rate')}</th>
                {REASON_COLUMNS.map((reason) => (
                  <th key={reason} scope="col" class="num">
                    {t(`visits.reason.${reason}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              <TotalRow total={total} rootName={rootName} />
              {shown.map((row) => (
                <TreeRow key={row.regionId} row={row} expandable={parents.has(row.regionId)} expanded={expanded.has(row.regionId)} onToggle={() => toggle(row.regionId)} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
