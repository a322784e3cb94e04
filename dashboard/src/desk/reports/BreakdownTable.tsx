// Every region below the report's region at every depth (towns and communities; districts, streets and communities),
// zeros included, so a quiet community is seen as quiet and not as missing. Each row says its level as the deployment
// names it. A region opens to show the regions below it; "view" makes any row the report's region (the figures above,
// the responders and the exports then follow it). Sorted by name, or by alarms raised or still open.

import { useState } from 'preact/hooks';
import type { RegionBreakdownRow } from '../../../../schemas/index.js';
import { t } from '../../shared/i18n.js';
import { Typed } from '../../shared/ui/Typed.js';
import { regionChoice } from './report-choice.js';
import { percent, seconds, widthOf } from './report-format.js';
import { levelName, regionLevels } from '../state/region-levels.js';
import { breakdownTree, visibleNodes, type BreakdownSort } from './breakdown-tree.js';

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

const LEVEL_STYLE = { fontSize: '0.8rem', fontWeight: 400 };

interface RowProps {
  row: RegionBreakdownRow;
  largest: number;
  depth: number;
  expandable: boolean;
  expanded: boolean;
  onToggle: () => void;
}

function BreakdownRow({ row, largest, depth, expandable, expanded, onToggle }: RowProps) {
  const o = row.outcomes;
  return (
    <tr data-testid="report-breakdown-row" data-region-id={row.regionId} data-level={row.level} data-depth={depth} class={depth > 0 ? 'nested' : undefined}>
      <th scope="row" style={depth > 1 ? { paddingLeft: `${0.6 + 1.6 * depth}rem` } : undefined}>
        {expandable ? (
          <button type="button" class="expand" data-testid="report-breakdown-expand" aria-expanded={expanded} onClick={onToggle}>
            <span aria-hidden="true">{expanded ? '▾' : '▸'}</span> <Typed value={row.name} />
          </button>
        ) : (
          <Typed class="region-name" value={row.name} />
        )}{' '}
        {/* the level as the deployment names it (区, 街道, 社区): names alone do not say how deep a row lies */}
        <span class="muted" data-testid="report-breakdown-level" style={LEVEL_STYLE}>
          {levelName(row.level)}
        </span>
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
  // the levels the rows are of, in the plan's order: 镇(街道)、村(社区) under a county; 区、街道、社区 under a city
  const shownLevels = regionLevels.value.filter((l) => rows?.some((row) => row.level === l.key)).map((l) => levelName(l.key));
  return (
    <section class="report-panel report-breakdown" data-testid="report-breakdown" aria-labelledby="report-breakdown-heading">
      <h3 id="report-breakdown-heading">
        {shownLevels.length > 0 ? t('region.breakdown.heading', { levels: shownLevels.join(t('region.levelSeparator')) }) : t('reports.breakdown.heading')}
      </h3>
      {!rows ? <p class="empty">{t('reports.notReported')}</p> : rows.length === 0 ? <p class="empty">{t('region.breakdown.none')}</p> : null}
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
              {visibleNodes(tree, expanded).map(({ row, depth, children }) => (
                <BreakdownRow
                  key={row.regionId}
                  row={row}
                  largest={largest}
                  depth={depth}
                  expandable={children.length > 0}
                  expanded={expanded.has(row.regionId)}
                  onToggle={() => toggle(row.regionId)}
                />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
