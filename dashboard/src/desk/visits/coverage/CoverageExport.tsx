// CSV and XLSX of exactly the coverage on screen (the same range and place), from the gateway: Chinese headers,
// the places' names, every uncovered visit with its reason. Fetched with the session and saved.

import { t } from '../../../shared/i18n.js';
import { ExportButtons } from '../../../shared/ui/ExportButtons.js';
import type { FileFormat } from '../../../shared/ui/use-file-export.js';
import { downloadCoverage, type CoverageAsk } from '../visits-request.js';

export function CoverageExport({ asked }: { asked: CoverageAsk | null }) {
  const download = asked
    ? (format: FileFormat) => downloadCoverage(asked, format, t('visits.export.fileName', { range: asked.range.kind === 'month' ? asked.range.month : asked.range.quarter }))
    : null;
  return <ExportButtons testid="coverage-export" download={download} />;
}
