// A ledger line's codes in the page's words: what it is (an alert's type, a task's kind, a call's category), its
// status and result, how a visit was made. Codes this page has no words for (a newer server) show as they are.

import { VISIT_MODE_LABELS, type LedgerEntry } from '../../../../../schemas/index.js';
import { known, lang, t } from '../../../shared/i18n.js';
import { statusLabel, typeLabel } from '../../../shared/labels.js';

const word = (key: string, code: string | null): string => (code === null ? '' : (known(`${key}.${code}`) ?? code));

export function whatOf(entry: LedgerEntry): string {
  if (entry.kind === 'alert' || entry.kind === 'note') return typeLabel(entry.alertType ?? entry.type);
  if (entry.kind === 'call') return word('callCategory', entry.type);
  return word('task.kind', entry.type);
}

/** Status and result in one cell: "已解决", "已完成 · 已探访 · 上门 · 第 2 次", "来电 · 接通". */
export function resultOf(entry: LedgerEntry): string {
  const mode = entry.mode === null ? null : Object.hasOwn(VISIT_MODE_LABELS, entry.mode) ? VISIT_MODE_LABELS[entry.mode as keyof typeof VISIT_MODE_LABELS][lang.value] : entry.mode;
  const attempt = entry.attempt !== null && entry.attempt > 1 ? t('ledger.attempt', { n: entry.attempt }) : null;
  switch (entry.kind) {
    case 'alert':
      return statusLabel(entry.status ?? '') || (entry.status ?? '');
    case 'call':
      return [word('ledger.direction', entry.status), word('callOutcome', entry.outcome)].filter(Boolean).join(' · ');
    case 'note':
      return '';
    default:
      return [word('taskStatus', entry.status), word('outcome', entry.outcome), mode, attempt].filter(Boolean).join(' · ');
  }
}
