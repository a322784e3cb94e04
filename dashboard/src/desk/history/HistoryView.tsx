// The history search: past (and open) alerts of the desk's region by elder, type, status, town or community and
// days, newest first, a hundred at a time with "more"; a line opens the alert's details beside the list. The
// filters stay while the operator visits other tabs (a module signal), so a search survives a look at the queue.

import { signal } from '@preact/signals';
import { useState } from 'preact/hooks';
import { errorMessage } from '../../shared/api.js';
import { lang, t } from '../../shared/i18n.js';
import { ListStatus } from '../../shared/ui/ListStatus.js';
import { names, regions } from '../state/desk-state.js';
import { HistoryDetail } from './HistoryDetail.js';
import { HistoryFilters } from './HistoryFilters.js';
import { HistoryTable } from './HistoryTable.js';
import { defaultFilter, rangeInvalid, searchOf, type HistoryFilter } from './history-filter.js';
import { download, historyCsv } from './history-csv.js';
import { useHistoryPages } from './use-history-pages.js';
import '../../styles/history.css';

const filterState = signal<HistoryFilter>(defaultFilter());

export function HistoryView() {
  const filter = filterState.value;
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const invalid = rangeInvalid(filter);
  const { pages, more } = useHistoryPages(invalid ? null : searchOf(filter));
  const failed = pages.error !== null ? errorMessage(pages.error) : invalid ? (['history.rangeInvalid'] as [string]) : null;
  const count = pages.nextCursor ? t('history.countMore', { n: pages.items.length }) : t('history.count', { n: pages.items.length });

  return (
    <section class="history-view" data-testid="history-view" aria-labelledby="history-heading">
      <div class="history-head">
        <h2 id="history-heading">{t('history.heading')}</h2>
        {pages.state === 'ok' ? (
          <span class="count-pill" data-testid="history-count">
            {count}
          </span>
        ) : null}
        <button
          type="button"
          class="small"
          data-testid="history-csv"
          disabled={pages.items.length === 0}
          onClick={() => download(historyCsv(pages.items, lang.value, names.value, regions.value), `alert-history-${filter.fromDay}-${filter.toDay}.csv`)}
        >
          {t('history.csv')}
        </button>
      </div>
      <HistoryFilters filter={filter} onChange={(change) => (filterState.value = { ...filterState.value, ...change })} />
      <div class={selectedId ? 'history-body with-detail' : 'history-body'}>
        <div class="history-results">
          <ListStatus failed={failed} loading={pages.state === 'loading' && pages.items.length === 0} empty={pages.state === 'ok' && pages.items.length === 0 ? t('history.empty') : null} />
          {pages.items.length > 0 ? <HistoryTable items={pages.items} selectedId={selectedId} stale={pages.state === 'loading'} onSelect={(a) => setSelectedId(a.id)} /> : null}
          {pages.nextCursor ? (
            <button type="button" class="more" data-testid="history-more" disabled={pages.loadingMore} onClick={more}>
              {t('history.more', { n: pages.items.length })}
            </button>
          ) : null}
        </div>
        {selectedId ? (
          <HistoryDetail alertId={selectedId} onClose={() => setSelectedId(null)} />
        ) : pages.items.length > 0 ? (
          <p class="history-hint">{t('history.pickHint')}</p>
        ) : null}
      </div>
    </section>
  );
}
