// The CSV and XLSX buttons of a report screen (alarms, visit coverage) and why the last file failed. The screen says
// how a file is fetched; `download` null (nothing asked yet) leaves the buttons disabled.

import { t } from '../i18n.js';
import { useFileExport, type FileFormat } from './use-file-export.js';

const FORMATS: readonly FileFormat[] = ['csv', 'xlsx'];

/** `testid`: the buttons are `${testid}-csv` and `${testid}-xlsx`, the failure `${testid}-failed`. */
export function ExportButtons({ testid, download }: { testid: string; download: ((format: FileFormat) => Promise<void>) | null }) {
  const { busy, failed, save } = useFileExport(async (format) => download?.(format));
  return (
    <span class="report-export" role="group" aria-label={t('reports.export.label')}>
      {FORMATS.map((format) => (
        <button key={format} type="button" data-testid={`${testid}-${format}`} disabled={!download || busy !== null} onClick={() => void save(format)}>
          {t(`reports.export.${format}`)}
        </button>
      ))}
      {failed ? (
        <span class="report-export-failed" role="alert" data-testid={`${testid}-failed`}>
          {t(failed[0], failed[1])}
        </span>
      ) : null}
    </span>
  );
}
