// The ledger (台账) of one elder on screen: a period (this month by default, last month a click away, or any days),
// every alert, visit, service request, other task, call and note of it oldest first, and the same as the CSV and
// Excel files the county files (Chinese headers, local times, names), fetched from the gateway.

import { useState } from 'preact/hooks';
import { ELDER_GROUP_LABELS, type Elder, type Ledger, type LedgerEntry } from '../../../../../schemas/index.js';
import { errorMessage, type MessageRef } from '../../../shared/api.js';
import { formatDateTime, lang, t } from '../../../shared/i18n.js';
import { ListStatus } from '../../../shared/ui/ListStatus.js';
import { Typed } from '../../../shared/ui/Typed.js';
import { useFileExport } from '../../../shared/ui/use-file-export.js';
import { useLoad } from '../../detail/use-load.js';
import { downloadLedger, fetchLedger } from '../registry-request.js';
import { monthPeriod, periodInvalid, type LedgerPeriod } from './ledger-period.js';
import { resultOf, whatOf } from './ledger-words.js';

function EntryRow({ entry }: { entry: LedgerEntry }) {
  return (
    <tr class={`ledger-row kind-${entry.kind}`} data-testid="ledger-row" data-kind={entry.kind} data-ref={entry.refId}>
      <td class="clock">{formatDateTime(entry.at)}</td>
      <td>
        <span class={`ledger-kind kind-${entry.kind}`}>{t(`ledger.kind.${entry.kind}`)}</span>
      </td>
      <td>{whatOf(entry)}</td>
      <td>{resultOf(entry)}</td>
      <td>
        <Typed value={entry.by ?? ''} />
      </td>
      <td class="note">
        <Typed value={entry.note ?? ''} />
      </td>
    </tr>
  );
}

function Summary({ ledger }: { ledger: Ledger }) {
  const e = ledger.elder;
  const groups = e.groups.map((g) => ELDER_GROUP_LABELS[g][lang.value]);
  return (
    <p class="ledger-summary" data-testid="ledger-summary">
      <Typed value={e.regionNames.slice(1).join(' / ')} />
      {e.age !== null ? <span>{t('elder.ageYears', { age: e.age })}</span> : null}
      {e.veryOld ? <span class="group-chip group-chip-derived">{t('elder.veryOld')}</span> : null}
      {groups.map((g) => (
        <span key={g} class="group-chip">
          {g}
        </span>
      ))}
    </p>
  );
}

export function LedgerView({ elder }: { elder: Elder }) {
  const [period, setPeriod] = useState<LedgerPeriod>(() => monthPeriod(new Date()));
  const invalid = periodInvalid(period);
  const loaded = useLoad(invalid ? null : `ledger:${elder.id}:${period.from}:${period.to}`, () => fetchLedger(elder.id, period.from, period.to));

  const { busy, failed, save } = useFileExport((format) =>
    downloadLedger(elder.id, period.from, period.to, format, t('ledger.fileName', { name: elder.name, from: period.from })),
  );

  const entries = loaded.state === 'ok' ? loaded.value.entries : [];
  const listFailed: MessageRef | null = invalid ? ['ledger.rangeInvalid'] : loaded.state === 'failed' ? errorMessage(loaded.error) : failed;
  return (
    <section class="ledger-view" data-testid="ledger-view" aria-label={t('ledger.heading', { name: elder.name })}>
      <h3>{t('ledger.heading', { name: elder.name })}</h3>
      {loaded.state === 'ok' ? <Summary ledger={loaded.value} /> : null}
      <div class="ledger-period" role="group">
        <label>
          <span>{t('ledger.from')}</span>
          <input type="date" data-testid="ledger-from" value={period.from} onInput={(ev) => setPeriod({ ...period, from: ev.currentTarget.value })} />
        </label>
        <label>
          <span>{t('ledger.to')}</span>
          <input type="date" data-testid="ledger-to" value={period.to} onInput={(ev) => setPeriod({ ...period, to: ev.currentTarget.value })} />
        </label>
        <button type="button" class="small" data-testid="ledger-this-month" onClick={() => setPeriod(monthPeriod(new Date()))}>
          {t('ledger.thisMonth')}
        </button>
        <button type="button" class="small" data-testid="ledger-last-month" onClick={() => setPeriod(monthPeriod(new Date(), 1))}>
          {t('ledger.lastMonth')}
        </button>
        <span class="ledger-files">
          {(['csv', 'xlsx'] as const).map((format) => (
            <button key={format} type="button" class="small" data-testid={`ledger-${format}`} disabled={invalid || busy !== null} onClick={() => void save(format)}>
              {t(`ledger.${format}`)}
            </button>
          ))}
        </span>
      </div>
      <ListStatus failed={listFailed} loading={loaded.state === 'loading' && !invalid} empty={loaded.state === 'ok' && entries.length === 0 ? t('ledger.empty') : null} />
      {entries.length > 0 ? (
        <>
          <span class="count-pill" data-testid="ledger-count">
            {t('ledger.count', { n: entries.length })}
          </span>
          <table class="ledger-table" data-testid="ledger-table">
            <thead>
              <tr>
                <th>{t('ledger.col.at')}</th>
                <th>{t('ledger.col.kind')}</th>
                <th>{t('ledger.col.what')}</th>
                <th>{t('ledger.col.result')}</th>
                <th>{t('ledger.col.by')}</th>
                <th>{t('ledger.col.note')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry, i) => (
                <EntryRow key={`${entry.kind}:${entry.refId}:${i}`} entry={entry} />
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}
