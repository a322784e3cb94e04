// The call log: every call of the desk's region, newest first, searched by number (any format), name, address or
// note, narrowed by line, category and day, fifty at a time. Above it what is still waiting: the calls nobody has
// been linked to yet.

import { useEffect, useState } from 'preact/hooks';
import { CALL_CATEGORIES, CALL_LINES, type CallCategory, type CallLine, type CallView } from '../../../../schemas/index.js';
import { listCalls, type CallListFilter } from '../../shared/api.js';
import { t } from '../../shared/i18n.js';
import { CodeOptions } from '../../shared/ui/CodeOptions.js';
import { ListStatus } from '../../shared/ui/ListStatus.js';
import { categoryLabel, lineLabel } from '../phone/call-labels.js';
import { CallRow } from './CallRow.js';
import { LinkElderDialog } from './LinkElderDialog.js';
import { RegisterElderDialog } from './RegisterElderDialog.js';
import { phoneErrorMessage, withSession } from '../phone/phone-request.js';
import { useCallPages } from './use-call-pages.js';
import '../../styles/phone.css';

const SEARCH_PAUSE_MS = 300;

/** The local day "2026-12-07" as [from, to) instants. */
function dayRange(day: string): { from?: string; to?: string } {
  const start = new Date(`${day}T00:00:00`);
  if (Number.isNaN(start.getTime())) return {};
  const end = new Date(start);
  end.setDate(end.getDate() + 1);
  return { from: start.toISOString(), to: end.toISOString() };
}

/** How many calls wait for an elder (up to a hundred, then "100+"). */
function useUnlinkedCount(refresh: number): string | null {
  const [count, setCount] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    withSession((session) => listCalls(session, { unlinked: true, limit: 100 })).then(
      (reply) => current && setCount(`${reply.items.length}${reply.nextCursor ? '+' : ''}`),
      () => current && setCount(null),
    );
    return () => {
      current = false;
    };
  }, [refresh]);
  return count;
}

export function CallLog() {
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [line, setLine] = useState<CallLine | ''>('');
  const [category, setCategory] = useState<CallCategory | ''>('');
  const [day, setDay] = useState('');
  const [unlinkedOnly, setUnlinkedOnly] = useState(false);
  const [refresh, setRefresh] = useState(0);
  const [linking, setLinking] = useState<CallView | null>(null);
  const [registering, setRegistering] = useState<CallView | null>(null);

  useEffect(() => {
    const timer = setTimeout(() => setQ(text.trim()), SEARCH_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [text]);

  const filter: CallListFilter = { q: q || undefined, line: line || undefined, category: category || undefined, ...(day ? dayRange(day) : {}), ...(unlinkedOnly ? { unlinked: true } : {}) };
  const { pages, more } = useCallPages(filter, refresh);
  const unlinked = useUnlinkedCount(refresh);
  const failed = pages.state === 'failed' || (pages.error !== null && pages.state === 'ok') ? phoneErrorMessage(pages.error) : null;

  return (
    <section class="call-log" data-testid="call-log" aria-labelledby="calls-heading">
      <div class="board-head">
        <h2 id="calls-heading">{t('calls.heading')}</h2>
        {unlinked !== null && unlinked !== '0' ? (
          <button type="button" class="waiting-figure" data-testid="calls-unlinked-count" aria-pressed={unlinkedOnly} onClick={() => setUnlinkedOnly(!unlinkedOnly)}>
            {t('calls.unlinkedCount', { n: unlinked })}
          </button>
        ) : null}
      </div>
      <div class="call-filters">
        <label>
          {t('calls.search')}
          <input type="search" data-testid="calls-search" value={text} placeholder={t('calls.searchPlaceholder')} onInput={(ev) => setText(ev.currentTarget.value)} />
        </label>
        <label>
          {t('phone.line')}
          <select data-testid="calls-line" value={line} onChange={(ev) => setLine(ev.currentTarget.value as CallLine | '')}>
            <CodeOptions codes={CALL_LINES} labelOf={lineLabel} placeholder={t('filter.all')} />
          </select>
        </label>
        <label>
          {t('phone.category')}
          <select data-testid="calls-category" value={category} onChange={(ev) => setCategory(ev.currentTarget.value as CallCategory | '')}>
            <CodeOptions codes={CALL_CATEGORIES} labelOf={categoryLabel} placeholder={t('filter.all')} />
          </select>
        </label>
        <label>
          {t('calls.day')}
          <input type="date" data-testid="calls-day" value={day} onInput={(ev) => setDay(ev.currentTarget.value)} />
        </label>
        <label class="check">
          <input type="checkbox" data-testid="calls-unlinked" checked={unlinkedOnly} onChange={(ev) => setUnlinkedOnly(ev.currentTarget.checked)} />
          {t('calls.unlinkedOnly')}
        </label>
      </div>
      <ListStatus failed={failed} loading={pages.state === 'loading' && pages.items.length === 0} empty={pages.state === 'ok' && pages.items.length === 0 ? t('calls.empty') : null} />
      <ol class={pages.state === 'loading' ? 'call-list stale' : 'call-list'} data-testid="call-list">
        {pages.items.map((call) => (
          <CallRow key={call.id} call={call} onLink={setLinking} onRegister={setRegistering} />
        ))}
      </ol>
      {pages.nextCursor ? (
        <button type="button" class="more" data-testid="calls-more" disabled={pages.loadingMore} onClick={more}>
          {t('calls.more', { n: pages.items.length })}
        </button>
      ) : null}
      {linking ? <LinkElderDialog call={linking} onLinked={() => setRefresh((n) => n + 1)} onClose={() => setLinking(null)} /> : null}
      {registering ? <RegisterElderDialog call={registering} onRegistered={() => setRefresh((n) => n + 1)} onClose={() => setRegistering(null)} /> : null}
    </section>
  );
}
