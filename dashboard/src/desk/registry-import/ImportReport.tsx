// What an import found and did: the counts, the rows with problems (row as Excel numbers it, column as headed,
// the problem in words) and the rows it creates or updates. A county's list may hold thousands of rows: the tables
// scroll inside the panel and the gateway lists the first thousand of each, with a count of the rest.

import type { ElderImportJob, ElderImportReport } from '../../../../schemas/index.js';
import { known, t } from '../../shared/i18n.js';

function Problems({ report }: { report: ElderImportReport }) {
  if (report.problems.length === 0) return null;
  return (
    <section class="import-section">
      <h4>{t('import.problems')}</h4>
      <div class="import-scroll">
        <table class="import-table" data-testid="import-problems">
          <thead>
            <tr>
              <th>{t('import.row')}</th>
              <th>{t('import.column')}</th>
              <th>{t('import.problem')}</th>
            </tr>
          </thead>
          <tbody>
            {report.problems.map((p, i) => (
              <tr key={`${p.row}-${i}`} data-testid="import-problem" data-code={p.code}>
                <td class="num">{p.row}</td>
                <td>{p.column ?? '—'}</td>
                <td>
                  <strong>{known(`import.code.${p.code}`) ?? p.code}</strong>
                  <span class="import-detail">{p.message}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {report.problemsNotShown > 0 ? <p class="import-more">{t('import.problemsMore', { n: report.problemsNotShown })}</p> : null}
    </section>
  );
}

function Actions({ report }: { report: ElderImportReport }) {
  if (report.actions.length === 0) return null;
  return (
    <section class="import-section">
      <h4>{t(report.written ? 'import.actionsDone' : 'import.actions')}</h4>
      <div class="import-scroll">
        <table class="import-table" data-testid="import-actions">
          <thead>
            <tr>
              <th>{t('import.row')}</th>
              <th>{t('import.action')}</th>
              <th>{t('import.name')}</th>
              <th>{t('import.idNumber')}</th>
              <th>{t('import.region')}</th>
            </tr>
          </thead>
          <tbody>
            {report.actions.map((a) => (
              <tr key={a.row} data-testid="import-action" data-action={a.action}>
                <td class="num">{a.row}</td>
                <td class={`import-action-${a.action}`}>{t(`import.action.${a.action}`)}</td>
                <td>{a.name}</td>
                <td class="num">{a.idNumberMasked}</td>
                <td>{a.region}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {report.actionsNotShown > 0 ? <p class="import-more">{t('import.actionsMore', { n: report.actionsNotShown })}</p> : null}
    </section>
  );
}

export function ImportReport({ job }: { job: ElderImportJob }) {
  const { report } = job;
  if (!report) return null;
  const read = [job.format.toUpperCase(), job.encoding === null ? null : job.encoding.toUpperCase(), job.sheet === null ? null : t('import.sheet', { sheet: job.sheet })];
  return (
    <div class="import-report">
      <p class="import-counts" data-testid="import-counts">
        {t('import.counts', report.counts)}
        <span class="import-read" data-testid="import-read">
          {read.filter((part) => part !== null).join(' · ')}
        </span>
      </p>
      <Problems report={report} />
      <Actions report={report} />
    </div>
  );
}
