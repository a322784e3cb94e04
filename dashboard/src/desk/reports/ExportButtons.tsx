// CSV and XLSX of exactly what is on screen: the same period (up to the same moment) and the same region. The files
// come from the gateway (Chinese headers, local times, region names), fetched with the session and saved.

import { t } from '../../shared/i18n.js';
import { ExportButtons as FileButtons } from '../../shared/ui/ExportButtons.js';
import type { FileFormat } from '../../shared/ui/use-file-export.js';
import { dayOf } from './report-period.js';
import { downloadAlarmReport, type ReportAsk } from './report-request.js';

export function ExportButtons({ asked }: { asked: ReportAsk | null }) {
  // the last moment included is a millisecond before `to`: a period to midnight names the day it ends on
  const download = asked
    ? (format: FileFormat) => downloadAlarmReport(asked, format, t('reports.export.fileName', { from: dayOf(asked.from), to: dayOf(new Date(asked.to.getTime() - 1)) }))
    : null;
  return <FileButtons testid="report-export" download={download} />;
}
