// The visit coverage (探访覆盖) of a month or a quarter in the person's region or any place below it: the headline
// (still waiting and missed first), every place below at every depth with subtotals and the reasons for what was not
// covered, the drill-down list of those elders beside it (what the operator acts on), and coverage per group and per
// way of visiting. CSV and XLSX of the same range and place for whoever the figures go to.

import { useEffect } from 'preact/hooks';
import { t } from '../../../shared/i18n.js';
import { ListStatus } from '../../../shared/ui/ListStatus.js';
import { Typed } from '../../../shared/ui/Typed.js';
import { token } from '../../state/desk-state.js';
import { CoverageExport } from './CoverageExport.js';
import { CoverageHeadline } from './CoverageHeadline.js';
import { CoverageToolbar, rangeLabel } from './CoverageToolbar.js';
import { CoverageTree } from './CoverageTree.js';
import { GapList } from './GapList.js';
import { GroupTable, ModeTable } from './GroupModeTables.js';
import { loadLevelNames } from './level-names.js';
import { useCoverage } from './use-coverage.js';

export function CoverageView() {
  const { loaded, refresh, stale } = useCoverage();
  const { coverage, state } = loaded;
  const session = token.value;
  useEffect(() => {
    if (session) loadLevelNames(session);
  }, [session]);
  const asked = loaded.asked;
  return (
    <section class="reports coverage" data-testid="coverage" data-state={state} aria-labelledby="coverage-heading">
      <div class="reports-head">
        <h2 id="coverage-heading">
          {t('visits.coverage.heading')}
          {coverage ? (
            <>
              {' · '}
              <Typed value={coverage.regionName} testid="coverage-region-name" />
            </>
          ) : null}
        </h2>
        {asked ? (
          <span class="report-period-text" data-testid="coverage-range-text">
            {rangeLabel(asked.range.kind, asked.range.kind === 'month' ? asked.range.month : asked.range.quarter)}
          </span>
        ) : null}
      </div>
      <CoverageToolbar onRefresh={refresh} busy={state === 'loading'}>
        <CoverageExport asked={stale ? null : asked} />
      </CoverageToolbar>
      <ListStatus failed={state === 'failed' ? loaded.error : null} loading={state === 'loading' && coverage === null} empty={null} />
      {coverage ? (
        <div class={stale ? 'report-body stale' : 'report-body'} data-testid="coverage-body">
          <CoverageHeadline total={coverage.total} />
          <div class="report-columns coverage-columns">
            <div class="report-column">
              <CoverageTree key={coverage.regionId} rows={coverage.rows} total={coverage.total} rootName={coverage.regionName} />
              <GroupTable rows={coverage.byGroup} />
            </div>
            <div class="report-column">
              <GapList key={`${coverage.regionId}:${coverage.range}`} coverage={coverage} />
              <ModeTable rows={coverage.byMode} covered={coverage.total.covered} />
            </div>
          </div>
        </div>
      ) : null}
    </section>
  );
}
