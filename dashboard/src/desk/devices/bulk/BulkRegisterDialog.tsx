// "批量登记": choose a CSV of devices, check it (a dry run: every row with its problem, nothing written), then register
// them all (the gateway writes all rows or none) and take the secrets as a CSV download: they are shown this once,
// and the dialog says so. The template gives the columns.

import { useState } from 'preact/hooks';
import type { MessageRef } from '../../../shared/api.js';
import { saveBlob } from '../../../shared/authorized-request.js';
import { known, t } from '../../../shared/i18n.js';
import { FormError } from '../../../shared/ui/FormError.js';
import { Typed } from '../../../shared/ui/Typed.js';
import { useModal } from '../../../shared/ui/use-modal.js';
import { importErrorMessage } from '../device-errors.js';
import { downloadDeviceTemplate, importDevices, type DeviceImportReply } from '../device-request.js';
import { kindWords } from '../device-words.js';
import { useElderNames } from '../use-elder-names.js';
import { secretsCsv } from './secrets-csv.js';

/** A row's problem in the page's words; a code this page does not know, in the gateway's. */
function RowError({ error }: { error: { code: string; message: string } }) {
  const words = known(`devices.import.error.${error.code}`);
  return words ? <span class="bulk-error" data-code={error.code}>{words}</span> : <Typed class="bulk-error" value={error.message} />;
}

function Rows({ reply }: { reply: DeviceImportReply }) {
  // the file names the elder by id or ID number; the gateway's row gives the id it found: shown as the name
  const names = useElderNames(reply.rows.flatMap((row) => (row.elderId && row.error === null ? [row.elderId] : [])));
  return (
    <div class="bulk-rows">
      <table class="ledger-table" data-testid="bulk-rows">
        <thead>
          <tr>
            <th>{t('devices.import.col.line')}</th>
            <th>{t('devices.import.col.id')}</th>
            <th>{t('devices.import.col.kind')}</th>
            <th>{t('devices.import.col.elder')}</th>
            <th>{t('devices.import.col.room')}</th>
            <th>{t('devices.import.col.error')}</th>
          </tr>
        </thead>
        <tbody>
          {reply.rows.map((row) => (
            <tr key={row.line} class={row.error ? 'bulk-bad' : undefined} data-testid="bulk-row" data-ok={String(row.error === null)}>
              <td class="num">{row.line}</td>
              <td>
                <Typed value={row.id ?? ''} />
              </td>
              <td>{row.kind ? kindWords(row.kind) : ''}</td>
              <td>
                <Typed value={(row.elderId ? names.get(row.elderId) : null) ?? row.elderId ?? ''} />
              </td>
              <td>
                <Typed value={row.room ?? ''} />
              </td>
              <td>{row.error ? <RowError error={row.error} /> : <span class="bulk-ok">{t('devices.import.ok')}</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function BulkRegisterDialog({ onClose, onRegistered }: { onClose: () => void; onRegistered: () => void }) {
  const ref = useModal();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<MessageRef | null>(null);
  const [checked, setChecked] = useState<DeviceImportReply | null>(null);
  const [committed, setCommitted] = useState<DeviceImportReply | null>(null);
  const good = checked ? checked.rows.length - checked.invalidRows : 0;

  async function run(dryRun: boolean) {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const reply = await importDevices(file, dryRun);
      // a commit that found a bad row wrote nothing (all or none): it is a check again
      if (dryRun || reply.invalidRows > 0) setChecked(reply);
      else {
        setCommitted(reply);
        onRegistered();
      }
    } catch (err) {
      setError(importErrorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const saveSecrets = () => committed && saveBlob(new Blob([secretsCsv(committed.created)], { type: 'text/csv' }), `${t('devices.import.secretsFile')}.csv`);

  return (
    <dialog ref={ref} class="form-dialog wide bulk-dialog" data-testid="bulk-dialog" onClose={onClose} onCancel={(ev) => committed && ev.preventDefault()}>
      <div class="dialog-top">
        <h2>{t('devices.import.title')}</h2>
        <button type="button" class="small" data-testid="bulk-close" onClick={() => ref.current?.close()}>
          {t('devices.import.close')}
        </button>
      </div>
      <p>{t('devices.import.intro')}</p>
      <div class="bulk-choose">
        <label>
          <span>{t('devices.import.file')}</span>
          <input
            type="file"
            accept=".csv,text/csv"
            data-testid="bulk-file"
            disabled={busy || committed !== null}
            onChange={(ev) => {
              setFile(ev.currentTarget.files?.[0] ?? null);
              setChecked(null);
              setError(null);
            }}
          />
        </label>
        <button type="button" class="primary" data-testid="bulk-check" disabled={!file || busy || committed !== null} onClick={() => void run(true)}>
          {t('devices.import.check')}
        </button>
        <button type="button" class="small" data-testid="bulk-template" onClick={() => void downloadDeviceTemplate(t('devices.import.templateFile')).catch((err: unknown) => setError(importErrorMessage(err)))}>
          {t('devices.import.template')}
        </button>
      </div>
      <FormError error={error} testid="bulk-error" />
      {checked && !committed ? (
        <div class="bulk-summary">
          {good > 0 ? <span class="bulk-ok">{t('devices.import.rowsOk', { n: good })}</span> : null}
          {checked.invalidRows > 0 ? <span class="bulk-error">{t('devices.import.rowsBad', { n: checked.invalidRows })}</span> : null}
          <button type="button" class="primary" data-testid="bulk-commit" disabled={busy || checked.invalidRows > 0 || good === 0} onClick={() => void run(false)}>
            {checked.invalidRows > 0 ? t('devices.import.commitBlocked') : t('devices.import.commit', { n: good })}
          </button>
        </div>
      ) : null}
      {committed ? (
        <div class="bulk-done" role="status" data-testid="bulk-done">
          <p>{t('devices.import.done', { n: committed.created.length })}</p>
          <p class="secret-warn">{t('devices.import.secretsOnce')}</p>
          <button type="button" class="primary" data-testid="bulk-secrets" onClick={saveSecrets}>
            {t('devices.import.secrets')}
          </button>
        </div>
      ) : null}
      {(committed ?? checked) ? <Rows reply={(committed ?? checked)!} /> : null}
    </dialog>
  );
}
