// The drill-down: the elders whose visit of a period is not covered, in the place clicked (and below it) and for the
// reason clicked, with the community, the period and why, and what can be done about each (GapActions.tsx). Long
// lists show their first part and grow on request, so a county's month opens at once.

import { useState } from 'preact/hooks';
import type { VisitCoverage } from '../../../../../schemas/index.js';
import { t } from '../../../shared/i18n.js';
import { Typed } from '../../../shared/ui/Typed.js';
import { periodText } from '../../../shared/visit/visit-task.js';
import { tasks, tasksRev } from '../../state/desk-state.js';
import { HomeRecord } from '../../wall/HomeRecord.js';
import { gapFilter } from '../visits-choice.js';
import { gapsIn, GAP_REASONS } from './coverage-tree.js';
import { GapActions } from './GapActions.js';

const PAGE = 100;

function placeName(coverage: VisitCoverage, regionId: string | null): string {
  if (regionId === null || regionId === coverage.regionId) return coverage.regionName;
  return coverage.rows.find((row) => row.regionId === regionId)?.regionName ?? coverage.regionName;
}

export function GapList({ coverage }: { coverage: VisitCoverage }) {
  const filter = gapFilter.value ?? { regionId: null, reason: null };
  const [shown, setShown] = useState(PAGE);
  const [record, setRecord] = useState<string | null>(null);
  const gaps = gapsIn(coverage, filter);
  // the open visits, so each line acts on its period's current attempt (read: a retry or a completion moves it)
  void tasksRev.value;
  const open = tasks.openSorted();
  const reasonText = filter.reason === null ? t('visits.gaps.allReasons') : filter.reason === 'missed' ? t('visits.figure.missed') : t(`visits.reason.${filter.reason}`);
  return (
    <section class="report-panel coverage-gaps" data-testid="coverage-gaps" data-region-id={filter.regionId ?? coverage.regionId} data-reason={filter.reason ?? ''} aria-labelledby="coverage-gaps-heading">
      <div class="panel-head">
        <h3 id="coverage-gaps-heading">
          {t('visits.gaps.heading')}
          {' · '}
          <Typed value={placeName(coverage, filter.regionId)} testid="coverage-gaps-place" />
          {' · '}
          {reasonText}
          <span class="count-pill" data-testid="coverage-gaps-count">
            {gaps.length}
          </span>
        </h3>
        <span class="panel-tools" role="group" aria-label={t('visits.gaps.reasonFilter')}>
          {[null, ...GAP_REASONS].map((reason) => (
            <button key={reason ?? 'all'} type="button" class="small" data-testid={`coverage-gaps-reason-${reason ?? 'all'}`} aria-pressed={filter.reason === reason} onClick={() => (gapFilter.value = { ...filter, reason })}>
              {reason === null ? t('visits.gaps.allReasons') : t(`visits.reason.${reason}`)}
            </button>
          ))}
        </span>
      </div>
      {gaps.length === 0 ? <p class="empty">{t('visits.gaps.none')}</p> : null}
      {coverage.gapsTruncated ? <p class="notice-line">{t('visits.gaps.truncated', { n: coverage.gaps.length })}</p> : null}
      {gaps.length > 0 ? (
        <div class="table-scroll">
          <table class="report-table gap-table">
            <thead>
              <tr>
                <th scope="col">{t('visits.gaps.elder')}</th>
                <th scope="col">{t('visits.gaps.place')}</th>
                <th scope="col">{t('visits.gaps.period')}</th>
                <th scope="col">{t('visits.gaps.reason')}</th>
                <th scope="col">
                  <span class="visually-hidden">{t('visits.gaps.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {gaps.slice(0, shown).flatMap((gap) => {
                const key = `${gap.elderId}:${gap.period}`;
                const line = (
                  <tr key={key} data-testid="coverage-gap" data-elder-id={gap.elderId} data-reason={gap.reason} data-task-id={gap.taskId ?? undefined}>
                    <th scope="row">
                      <Typed value={gap.elderName} testid="gap-elder-name" />
                    </th>
                    <td>
                      <Typed value={gap.regionName} />
                    </td>
                    <td>{periodText(gap.period)}</td>
                    <td class={`gap-reason gap-${gap.reason}`} data-testid="gap-reason">
                      {t(`visits.reason.${gap.reason}`)}
                    </td>
                    <td class="view-cell">
                      <GapActions gap={gap} open={open} recordOpen={record === key} onRecord={() => setRecord(record === key ? null : key)} />
                    </td>
                  </tr>
                );
                return record === key
                  ? [
                      line,
                      <tr key={`${key}:record`} class="gap-record">
                        <td colSpan={5}>
                          <HomeRecord elderId={gap.elderId} />
                        </td>
                      </tr>,
                    ]
                  : [line];
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      {gaps.length > shown ? (
        <button type="button" data-testid="coverage-gaps-more" onClick={() => setShown(shown + PAGE)}>
          {t('visits.gaps.more', { n: gaps.length - shown })}
        </button>
      ) : null}
    </section>
  );
}
