// The complaints tab's count: how many are still waiting, red while any is past its deadline.

import { t } from '../../shared/i18n.js';
import { complaintCounts } from './complaints-state.js';

export function ComplaintCount() {
  const { waiting, overdue } = complaintCounts.value;
  if (waiting === 0) return null;
  return (
    <span class={overdue > 0 ? 'tab-count overdue' : 'tab-count'} data-testid="complaint-count" title={overdue > 0 ? t('complaints.figuresOverdue', { n: waiting, late: overdue }) : undefined}>
      {overdue > 0 ? `${waiting} · ${t('complaints.lateShort', { n: overdue })}` : waiting}
    </span>
  );
}
