// Every town and community below the report's region, zeros included, so a quiet community is seen as quiet and not
// as missing. A town opens to show its communities; "view" makes any row the report's region (the figures above,
// the responders and the exports then follow it). Sorted by name, or by alarms raised or still open.

import { useState } from 'preact/hooks';
import type { RegionBreakdownRow } from '../../../../schemas/index.js';
import { t } from '../../shared/i18n.js';
import { Typed } from '../../shared/ui/Typed.js';
import { regionChoice } from './report-choice.js';
import { percent, seconds, widthOf } from './report-format.js';
import { breakdownTree, type BreakdownSort } from './breakdown-tree.js';

function SortHeader({ sort, current, onSort, label }: { sort: BreakdownSort; current: BreakdownSort; onSort: (s: BreakdownSort) => void; label: string }) {
  const active = sort === current;
  return (
    <th scope="col" class="num" aria-sort={active && sort !== 'name' ? 'descending' : 'none'}>
      <button type="button" class="sort" data-testid={`report-sort-${sort}`} aria-pressed={active} onClick={() => onSort(active ? 'name' : sort)}>
        {label}
        {active ? ' ▼' : ''}
      </button>
    </th>
  );
}

/** The row's outcomes as a thin bar the width of its share of the largest row. */
function MiniBar({ row, largest }: { row: RegionBreakdownRow; largest: number }) {
  const o = row.outcomes;
  const closed = o.resolved + o.falseAlarms + o.cancelled + o.cleared;
  return (
    <span class="mini-bar" style={{ width: `${widthOf(row.raised, largest)}%` }} aria-hidden="true">
      {o.open > 0 ? <span class="tone-open" style={{ width: `${widthOf(o.open, row.raised)}%` }} /> : null}
      {closed > 0 ? <span class="tone-resolved" style={{ width: `${widthOf(closed, row.raised)}%` }} /> : null}
    </span>
  );
}

interface RowProps {
  row: RegionBreakdownRow;
  largest: number;
  nested: boolean;
  expandable: boolean;
  expanded: boolean;
  onToggle: () => void;
}

function BreakdownRow({ row, largest, nested, expandable, expanded, onToggle }: RowProps) {
  const o = row.outcomes;
  return (
    <tr data-testid="report-breakdown-row" data-region-id={row.regionId} data-level={row.level} class={nested ? 'nested' : undefined}>
      <th scope="row">
        {expandable ? (
          <button type="button" class="expand" data-testid="report-breakdown-expand" aria-expanded={expanded} onClick={onToggle}>
            <span aria-hidden="true">{expanded ? '▾' : '▸'}</span> <Typed value={row.name} />
          </button>
        ) : (
          <Typed class="region-name" value={row.name} />
        )}
      </th>
      <td class="num" data-testid="report-breakdown-raised">{row.raised}</td>
      <td class={o.open > 0 ? 'num open' : 'num'} data-testid="report-breakdown-open">
        {o.open}
      </td>
      <td class="num" data-testid="report-breakdown-resolved">{o.resolved}</td>
      <td class="num">{o.falseAlarms}</td>
      <td class="num">{o.cancelled + o.cleared}</td>
      <td class="num">{seconds(row.timeToAcknowledge.medianSeconds)}</td>
      <td class="num">{percent(row.timeToAcknowledge.within60sShare)}</td>
      <td class="num">{seconds(row.timeToArrive.medianSeconds)}</td>
      <td class="bar-cell">
        <MiniBar row={row} largest={largest} />
      </td>
      <td class="view-cell">
        <button type="button" class="link" data-testid="report-breakdown-view" title={t('reports.breakdown.viewTitle')} onClick={() => (regionChoice.value = row.regionId)}>
          {t('reports.breakdown.view')}
        </button>
      </td>
    </tr>
  );
}

export function BreakdownTable({ rows }: { rows: readonly RegionBreakdownRow[] | undefined }) {
  const [sort, setSort] = useState<BreakdownSort>('name');
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) => {
    const next = new Set(expanded);
    if (!next.delete(id)) next.add(id);
    setExpanded(next);
  };
  const tree = rows ? breakdownTree(rows, sort) : [];
  const largest = Math.max(1, ...tree.map((node) => node.row.raised));
  return (
    <section class="report-panel report-breakdown" data-testid="report-breakdown" aria-labelledby="report-breakdown-heading">
      <h3 id="report-breakdown-heading">{t('reports.breakdown.heading')}</h3>
      {!rows ? <p class="empty">{t('reports.notReported')}</p> : rows.length === 0 ? <p class="empty">{t('reports.breakdown.none')}</p> : null}
      {tree.length > 0 ? (
        <div class="table-scroll">
          <table class="report-table">
            <thead>
              <tr>
                <th scope="col">{t('reports.col.region')}</th>
                <SortHeader sort="raised" current={sort} onSort={setSort} label={t('reports.col.raised')} />
                <SortHeader sort="open" current={sort} onSort={setSort} label={t('reports.col.open')} />
                <th scope="col" class="num">{t('reports.col.resolved')}</th>
                <th scope="col" class="num">{t('reports.col.falseAlarms')}</th>
                <th scope="col" class="num">{t('reports.col.cancelledCleared')}</th>
                <th scope="col" class="num">{t('reports.col.ackMedian')}</th>
                <th scope="col" class="num">{t('reports.col.within60')}</th>
                <th scope="col" class="num">{t('reports.col.arriveMedian')}</th>
                <th scope="col" class="bar-cell">
                  <span class="visually-hidden">{t('reports.col.bar')}</span>
                </th>
                <th scope="col" class="view-cell">
                  <span class="visually-hidden">{t('reports.breakdown.viewTitle')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tree.flatMap(({ row, children }) => [
                <BreakdownRow key={row.regionId} row={row} largest={largest} nested={false} expandable={children.length > 0} expanded={expanded.has(row.regionId)} onToggle={() => toggle(row.regionId)} />,
                ...(expanded.has(row.regionId)
                  ? children.map((child) => <BreakdownRow key={child.regionId} row={child} largest={largest} nested expandable={false} expanded={false} onToggle={() => undefined} />)
                  : []),
              ])}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
