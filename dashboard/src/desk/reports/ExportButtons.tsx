// CSV and XLSX of exactly what is on screen: the same period (up to the same moment) and the same region. The files
// come from the gateway (Chinese headers, local times, region names), fetched with the session and saved.

import { useState } from 'preact/hooks';
import { errorMessage, type MessageRef } from '../../shared/api.js';
import { t } from '../../shared/i18n.js';
import { dayOf } from './report-period.js';
import { downloadAlarmReport, type ExportFormat, type ReportAsk } from './report-request.js';

const FORMATS: readonly ExportFormat[] = ['csv', 'xlsx'];

export function ExportButtons({ asked }: { asked: ReportAsk | null }) {
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [failed, setFailed] = useState<MessageRef | null>(null);

  async function save(format: ExportFormat) {
    if (!asked) return;
    setBusy(format);
    setFailed(null);
    // the last moment included is a millisecond before `to`: a period to midnight names the day it ends on
    const name = t('reports.export.fileName', { from: dayOf(asked.from), to: dayOf(new Date(asked.to.getTime() - 1)) });
    try {
      await downloadAlarmReport(asked, format, name);
    } catch (err) {
      setFailed(errorMessage(err));
    } finally {
      setBusy(null);
    }
  }

  return (
    <span class="report-export" role="group" aria-label={t('reports.export.label')}>
      {FORMATS.map((format) => (
        <button key={format} type="button" data-testid={`report-export-${format}`} disabled={!asked || busy !== null} onClick={() => void save(format)}>
          {t(`reports.export.${format}`)}
        </button>
      ))}
      {failed ? (
        <span class="report-export-failed" role="alert" data-testid="report-export-failed">
          {t(failed[0], failed[1])}
        </span>
      ) : null}
    </span>
  );
}
