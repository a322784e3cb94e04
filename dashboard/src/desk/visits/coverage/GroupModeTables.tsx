// Coverage per group (独居, 失能, 高龄 …; an elder in several groups counts in each, so the rows do not add up to the
// total, as the note says) and per way of visiting (how the covered periods were covered).

import type { VisitCoverage } from '../../../../../schemas/index.js';
import { t } from '../../../shared/i18n.js';
import { modeLabel, subjectLabel } from '../../../shared/visit/visit-task.js';
import { percent, widthOf } from '../../reports/report-format.js';
import { missedOf } from './coverage-tree.js';

export function GroupTable({ rows }: { rows: VisitCoverage['byGroup'] }) {
  return (
    <section class="report-panel coverage-groups" data-testid="coverage-groups" aria-labelledby="coverage-groups-heading">
      <h3 id="coverage-groups-heading">{t('visits.groups.heading')}</h3>
      {rows.length === 0 ? <p class="empty">{t('visits.groups.none')}</p> : null}
      {rows.length > 0 ? (
        <div class="table-scroll">
          <table class="report-table">
            <thead>
              <tr>
                <th scope="col">{t('visits.groups.group')}</th>
                <th scope="col" class="num">{t('visits.col.elders')}</th>
                <th scope="col" class="num">{t('visits.col.due')}</th>
                <th scope="col" class="num">{t('visits.col.covered')}</th>
                <th scope="col" class="num">{t('visits.col.rate')}</th>
                <th scope="col" class="num">{t('visits.reason.in_progress')}</th>
                <th scope="col" class="num">{t('visits.figure.missed')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.group} data-testid="coverage-group-row" data-group={row.group}>
                  <th scope="row">{subjectLabel(row.group)}</th>
                  <td class="num">{row.elders}</td>
                  <td class="num">{row.due}</td>
                  <td class="num">{row.covered}</td>
                  <td class={row.rate !== null && row.rate < 1 ? 'num short' : 'num'}>{percent(row.rate)}</td>
                  <td class="num">{row.gaps.in_progress}</td>
                  <td class={missedOf(row.gaps) > 0 ? 'num open' : 'num'}>{missedOf(row.gaps)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p class="table-note">{t('visits.groups.note')}</p>
        </div>
      ) : null}
    </section>
  );
}

export function ModeTable({ rows, covered }: { rows: VisitCoverage['byMode']; covered: number }) {
  return (
    <section class="report-panel coverage-modes" data-testid="coverage-modes" aria-labelledby="coverage-modes-heading">
      <h3 id="coverage-modes-heading">{t('visits.modes.heading')}</h3>
      <table class="report-table">
        <tbody>
          {rows.map((row) => (
            <tr key={row.mode} data-testid="coverage-mode-row" data-mode={row.mode}>
              <th scope="row">{modeLabel(row.mode)}</th>
              <td class="num" data-testid="coverage-mode-covered">
                {row.covered}
              </td>
              <td class="bar-cell">
                <span class="mini-bar full" aria-hidden="true">
                  <span class="tone-resolved" style={{ width: `${widthOf(row.covered, covered)}%` }} />
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
