// Importing a civil-affairs list of elders (issue 21), opened from the registry: choose the file, check it (a dry
// run: every row's problems and what would be created or updated, nothing written), then import it all (written only
// if no row has a problem) or only the good rows; a bar shows the rows checked while a large list runs, and the
// result says what was written. The same file is sent again for the commit: the gateway keeps no upload.

import { useEffect, useState } from 'preact/hooks';
import type { ElderImportJob } from '../../../../schemas/index.js';
import { errorMessage, type MessageRef } from '../../shared/api.js';
import { t } from '../../shared/i18n.js';
import { FormError } from '../../shared/ui/FormError.js';
import { downloadTemplate } from './import-request.js';
import { ImportReport } from './ImportReport.js';
import { useImportJob, type ImportStep } from './use-import-job.js';
import './import-panel.css';

function Progress({ step }: { step: ImportStep }) {
  if (step.kind === 'uploading') return <p class="import-progress" data-testid="import-progress">{t('import.uploading')}</p>;
  if (step.kind !== 'running') return null;
  const { job } = step;
  const writing = job.state === 'writing';
  const label = writing ? t('import.writing', { n: (job.report?.counts.create ?? 0) + (job.report?.counts.update ?? 0) }) : t('import.checking', { processed: job.processed, total: job.total });
  return (
    <div class="import-progress" data-testid="import-progress">
      <progress max={job.total || 1} value={writing ? undefined : job.processed} aria-label={label} />
      <span>{label}</span>
    </div>
  );
}

/** After a dry run: import all (refused by the gateway while a row is bad) or only the good rows. */
function CommitChoice({ job, onCommit }: { job: ElderImportJob; onCommit: (onlyGoodRows: boolean) => void }) {
  const counts = job.report?.counts;
  if (!counts) return null;
  const good = counts.create + counts.update;
  if (good === 0 && counts.bad === 0) return <p class="import-note">{t('import.nothingToWrite')}</p>;
  return (
    <div class="import-commit">
      <button type="button" class="primary" data-testid="import-commit-all" disabled={counts.bad > 0 || good === 0} onClick={() => onCommit(false)}>
        {t('import.commitAll')}
      </button>
      {counts.bad > 0 && good > 0 ? (
        <button type="button" data-testid="import-commit-good" onClick={() => onCommit(true)}>
          {t('import.commitGood', { n: good })}
        </button>
      ) : null}
      {counts.bad > 0 ? <span class="import-note">{t('import.allOrNothingHint')}</span> : null}
    </div>
  );
}

function Result({ job }: { job: ElderImportJob }) {
  if (job.state === 'failed') return <p class="form-error" role="alert" data-testid="import-failed">{t('import.failed')}</p>;
  const counts = job.report?.counts;
  if (!counts) return null;
  return (
    <p class="import-done" role="status" data-testid="import-result">
      {t('import.done', counts)}
    </p>
  );
}

export function ImportPanel({ onDone, onClose }: { onDone?: () => void; onClose?: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [templateError, setTemplateError] = useState<MessageRef | null>(null);
  const { step, error, run, reset } = useImportJob();
  const busy = step.kind === 'uploading' || step.kind === 'running';
  const ended = step.kind === 'ended' ? step.job : null;
  const checked = ended !== null && ended.dryRun && ended.state === 'done' ? ended : null;
  const committed = ended !== null && !ended.dryRun ? ended : null;

  async function commit(onlyGoodRows: boolean) {
    if (!file) return;
    await run(file, { dryRun: false, onlyGoodRows });
  }
  // The registry reads its list again once, when a commit has written.
  const writtenId = committed?.state === 'done' && committed.report?.written ? committed.id : null;
  useEffect(() => {
    if (writtenId !== null) onDone?.();
  }, [writtenId]);

  async function template(format: 'csv' | 'xlsx') {
    setTemplateError(null);
    await downloadTemplate(format, t('import.templateName')).catch((err: unknown) => setTemplateError(errorMessage(err)));
  }

  return (
    <section class="import-panel" data-testid="import-panel" aria-labelledby="import-heading">
      <div class="import-top">
        <h3 id="import-heading">{t('import.heading')}</h3>
        {onClose ? (
          <button type="button" class="small" data-testid="import-close" onClick={onClose}>
            {t('import.close')}
          </button>
        ) : null}
      </div>
      <p class="import-intro">{t('import.intro')}</p>
      <div class="import-choose">
        <label class="import-file">
          <span>{t('import.file')}</span>
          <input
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            data-testid="import-file"
            disabled={busy}
            onChange={(e) => {
              setFile((e.currentTarget as HTMLInputElement).files?.[0] ?? null);
              reset();
            }}
          />
        </label>
        <button type="button" class="primary" data-testid="import-check" disabled={!file || busy} onClick={() => file && void run(file, { dryRun: true, onlyGoodRows: false })}>
          {t('import.check')}
        </button>
        <span class="import-templates">
          {t('import.template')}:
          <button type="button" class="small" data-testid="import-template-xlsx" onClick={() => void template('xlsx')}>
            XLSX
          </button>
          <button type="button" class="small" data-testid="import-template-csv" onClick={() => void template('csv')}>
            CSV
          </button>
        </span>
      </div>
      <FormError error={error ?? templateError} testid="import-error" />
      <Progress step={step} />
      {checked ? <CommitChoice job={checked} onCommit={(only) => void commit(only)} /> : null}
      {committed ? <Result job={committed} /> : null}
      {ended ? <ImportReport job={ended} /> : null}
    </section>
  );
}
