import { ASSESSMENT_LEVEL_LABELS, CONSENT_RELATION_LABELS, ELDER_GROUP_LABELS, SEX_LABELS, type Ledger } from '../../../../schemas/index.js';
import type { ReportSheet } from '../reports/alarm-report-sheets.js';
import { csvLine, csvTable } from '../reports/csv.js';
import { ALERT_TYPE_ZH, CALL_CATEGORY_ZH, TASK_OUTCOME_ZH } from '../reports/labels-zh.js';
import { localDateTime } from '../reports/local-format.js';
import { ALERT_STATUS_ZH, CALL_DIRECTION_ZH, CALL_OUTCOME_ZH, LEDGER_KIND_ZH, TASK_KIND_ZH, TASK_STATUS_ZH, VISIT_MODE_ZH, zh } from './ledger-labels-zh.js';

// The ledger as a file (format=csv|xlsx): the elder's record (【档案】) and the period's lines (【台账】) with
// Chinese headers, local times and names, as a county's civil-affairs office files it.

const time = (iso: string | null, offset: number): string | null => (iso === null ? null : localDateTime(Date.parse(iso), offset));

/** What the line is, in words: the alert's type, the task's kind, the call's category. */
function what(entry: Ledger['entries'][number]): string {
  switch (entry.kind) {
    case 'alert':
    case 'note':
      return entry.alertType === null ? entry.type : ALERT_TYPE_ZH[entry.alertType];
    case 'call':
      return zh(CALL_CATEGORY_ZH, entry.type) ?? entry.type;
    default:
      return zh(TASK_KIND_ZH, entry.type) ?? entry.type;
  }
}

function statusWords(entry: Ledger['entries'][number]): { status: string | null; outcome: string | null } {
  if (entry.kind === 'alert') return { status: zh(ALERT_STATUS_ZH, entry.status), outcome: zh(ALERT_STATUS_ZH, entry.outcome) };
  if (entry.kind === 'call') return { status: zh(CALL_DIRECTION_ZH, entry.status), outcome: zh(CALL_OUTCOME_ZH, entry.outcome) };
  if (entry.kind === 'note') return { status: null, outcome: null };
  return { status: zh(TASK_STATUS_ZH, entry.status), outcome: zh(TASK_OUTCOME_ZH, entry.outcome) };
}

export function ledgerSheets(ledger: Ledger, utcOffsetMinutes: number): ReportSheet[] {
  const e = ledger.elder;
  const record: Array<[string, string | number | null]> = [
    ['姓名', e.name],
    ['身份证号', e.idNumberMasked],
    ['性别', e.sex === null ? null : SEX_LABELS[e.sex]['zh-CN']],
    ['年龄', e.age],
    ['高龄', e.veryOld ? '是' : '否'],
    ['人群类别', e.groups.map((g) => ELDER_GROUP_LABELS[g]['zh-CN']).join('、')],
    ['所在地区', e.regionNames.join(' / ')],
    ['住址', e.address],
    ['电话', e.phone],
    ['能力评估', e.assessment === null ? null : `${ASSESSMENT_LEVEL_LABELS[e.assessment.level]['zh-CN']}（${e.assessment.assessedOn}，${e.assessment.assessor}）`],
    ['监护人', e.guardian === null ? null : `${e.guardian.name} ${e.guardian.phone}`],
    ['知情同意', e.consent === null ? null : `${e.consent.givenOn} ${e.consent.givenBy}（${CONSENT_RELATION_LABELS[e.consent.relation]['zh-CN']}）`],
    ['台账期间', `${localDateTime(Date.parse(ledger.from), utcOffsetMinutes)} 至 ${localDateTime(Date.parse(ledger.to), utcOffsetMinutes)}`],
  ];
  const entries = ledger.entries.map((entry) => {
    const words = statusWords(entry);
    return {
      at: time(entry.at, utcOffsetMinutes),
      kind: LEDGER_KIND_ZH[entry.kind],
      what: what(entry),
      status: words.status,
      outcome: words.outcome,
      mode: zh(VISIT_MODE_ZH, entry.mode),
      attempt: entry.attempt,
      closedAt: time(entry.closedAt, utcOffsetMinutes),
      by: entry.by,
      note: entry.note,
    };
  });
  return [
    { name: '档案', columns: [{ key: 'field', header: '项目' }, { key: 'value', header: '内容' }], rows: record.map(([field, value]) => ({ field, value })) },
    {
      name: '台账',
      columns: [
        { key: 'at', header: '时间' },
        { key: 'kind', header: '类别' },
        { key: 'what', header: '事项' },
        { key: 'status', header: '状态' },
        { key: 'outcome', header: '结果' },
        { key: 'mode', header: '方式' },
        { key: 'attempt', header: '第几次' },
        { key: 'closedAt', header: '结束时间' },
        { key: 'by', header: '经办人' },
        { key: 'note', header: '备注' },
      ],
      rows: entries,
    },
  ];
}

/** Both tables in one file, each under its title line, with the BOM Excel needs to read UTF-8 (core/reports/csv.ts). */
export function ledgerCsv(ledger: Ledger, utcOffsetMinutes: number): string {
  const parts = ledgerSheets(ledger, utcOffsetMinutes).map((sheet) => `${csvLine([`【${sheet.name}】`])}${csvTable(sheet.columns, sheet.rows)}\r\n`);
  return `\uFEFF${parts.join('')}`;
}
