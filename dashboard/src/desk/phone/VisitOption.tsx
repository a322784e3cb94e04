// The phone check (电话问候) that counts as the month's visit: offered on an outbound wellbeing call to an elder
// whose monthly visit is still open. The open visit is found in the desk's live book of open tasks (the snapshot
// and every change since), so the option appears and goes the moment the visit is opened or done elsewhere.
// Whether a phone visit is allowed for this elder is the gateway's visit policy: a refusal is said after saving.

import type { TaskView } from '../../../../schemas/index.js';
import { t } from '../../shared/i18n.js';
import { tasks, tasksRev } from '../state/desk-state.js';

/** The elder's open monthly visit, if the desk's book holds one. */
export function useOpenVisit(elderId: string | null): TaskView | null {
  void tasksRev.value;
  if (elderId === null) return null;
  return tasks.openSorted().find((task) => task.kind === 'care_visit' && task.elder.id === elderId) ?? null;
}

export function VisitOption({ visit, checked, onChange }: { visit: TaskView; checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <div class={checked ? 'visit-option chosen' : 'visit-option'} data-testid="visit-option" data-task-id={visit.id}>
      <label class="check">
        <input type="checkbox" data-testid="call-visit" checked={checked} onChange={(ev) => onChange(ev.currentTarget.checked)} />
        {t('phone.visitOption')}
      </label>
      <span class="muted">
        {t('phone.visitFor', { month: visit.period ?? '' })} · {t('phone.visitHint')}
      </span>
    </div>
  );
}
