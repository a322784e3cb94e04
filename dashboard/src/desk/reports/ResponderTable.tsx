// Per responder offered an alarm in the period: offers and what became of them (accepted, declined, left to expire),
// with the time to accept and to arrive. Expired offers are marked: an offer nobody answered delayed an elder.

import type { ResponderReportRow } from '../../../../schemas/index.js';
import { t } from '../../shared/i18n.js';
import { Typed } from '../../shared/ui/Typed.js';
import { seconds, widthOf } from './report-format.js';

function AnswerBar({ row }: { row: ResponderReportRow }) {
  return (
    <span class="mini-bar full" aria-hidden="true">
      <span class="tone-resolved" style={{ width: `${widthOf(row.accepts, row.offers)}%` }} />
      <span class="tone-cancelled" style={{ width: `${widthOf(row.declines, row.offers)}%` }} />
      <span class="tone-open" style={{ width: `${widthOf(row.expired, row.offers)}%` }} />
    </span>
  );
}

export function ResponderTable({ rows }: { rows: readonly ResponderReportRow[] | undefined }) {
  return (
    <section class="report-panel report-responders" data-testid="report-responders" aria-labelledby="report-responders-heading">
      <h3 id="report-responders-heading">{t('reports.responders.heading')}</h3>
      {!rows ? <p class="empty">{t('reports.notReported')}</p> : rows.length === 0 ? <p class="empty">{t('reports.responders.none')}</p> : null}
      {rows && rows.length > 0 ? (
        <div class="table-scroll">
          <table class="report-table">
            <thead>
              <tr>
                <th scope="col">{t('reports.col.responder')}</th>
                <th scope="col" class="num">{t('reports.col.offers')}</th>
                <th scope="col" class="num">{t('reports.col.accepts')}</th>
                <th scope="col" class="num">{t('reports.col.declines')}</th>
                <th scope="col" class="num">{t('reports.col.expired')}</th>
                <th scope="col" class="bar-cell">{t('reports.col.answers')}</th>
                <th scope="col" class="num">{t('reports.col.acceptMedian')}</th>
                <th scope="col" class="num">{t('reports.col.arriveAfterAccept')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.userId} data-testid="report-responder-row" data-user-id={row.userId}>
                  <th scope="row">
                    <Typed value={row.displayName} />
                  </th>
                  <td class="num" data-testid="report-responder-offers">
                    {row.offers}
                  </td>
                  <td class="num" data-testid="report-responder-accepts">
                    {row.accepts}
                  </td>
                  <td class="num">{row.declines}</td>
                  <td class={row.expired > 0 ? 'num open' : 'num'}>{row.expired}</td>
                  <td class="bar-cell">
                    <AnswerBar row={row} />
                  </td>
                  <td class="num">{seconds(row.timeToAccept.medianSeconds)}</td>
                  <td class="num">{seconds(row.timeToArrive.medianSeconds)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
