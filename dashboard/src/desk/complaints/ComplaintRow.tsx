// One complaint: its state, how long until (or since) its deadline — overdue in red with how long —, what it is
// about and what was said, whose it is, the answer given; and the next step: take it on, answer, close.

import type { ComplaintView } from '../../../../schemas/index.js';
import { formatAge, formatDateTime, t } from '../../shared/i18n.js';
import { Typed } from '../../shared/ui/Typed.js';
import { serverNow } from '../state/desk-state.js';
import { isOverdue } from './complaints-state.js';

export type ComplaintStep = 'take' | 'answer' | 'close';

export function ComplaintRow({ complaint, onStep }: { complaint: ComplaintView; onStep: (step: ComplaintStep, complaint: ComplaintView) => void }) {
  const at = serverNow();
  const late = isOverdue(complaint, at);
  const classes = ['complaint-row', `complaint-${complaint.status}`];
  if (late) classes.push('is-overdue');
  return (
    <li class={classes.join(' ')} data-testid="complaint-row" data-complaint-id={complaint.id} data-status={complaint.status} data-overdue={String(late)}>
      <div class="complaint-head">
        <span class={`complaint-status status-${complaint.status}`}>{t(`complaintStatus.${complaint.status}`)}</span>
        {late ? (
          <span class="overdue-mark" data-testid="complaint-overdue">
            {t('complaints.overdueBy', { age: formatAge(at - Date.parse(complaint.dueAt)) })}
          </span>
        ) : complaint.status !== 'closed' ? (
          <span class="due">{t('complaints.dueAt', { time: formatDateTime(complaint.dueAt) })}</span>
        ) : (
          <span class="due">{t('complaints.closedAt', { time: formatDateTime(complaint.closedAt) })}</span>
        )}
      </div>
      <div class="complaint-what">
        <b>{t(`complaintSubject.${complaint.subject}`)}</b>
        {complaint.subjectName ? <Typed class="subject-name" value={complaint.subjectName} /> : null}
        {complaint.elder ? <Typed class="complaint-elder" value={complaint.elder.name} /> : null}
        <span class="muted">{t('complaints.createdAt', { time: formatDateTime(complaint.createdAt) })}</span>
      </div>
      <Typed class="note statement" value={complaint.statement} />
      {complaint.answer ? (
        <p class="complaint-answer">
          {t('complaints.answerWas')} <Typed class="note" value={complaint.answer} />
        </p>
      ) : null}
      <div class="complaint-side">
        <span class={complaint.owner ? 'owner' : 'owner none'}>
          {complaint.owner ? (
            <>
              {t('complaints.owner')} <Typed value={complaint.owner.displayName} />
            </>
          ) : (
            t('complaints.noOwner')
          )}
        </span>
        <span class="task-buttons">
          {complaint.status !== 'closed' && !complaint.owner ? (
            <button type="button" class="small" data-testid="complaint-take" onClick={() => onStep('take', complaint)}>
              {t('complaints.take')}
            </button>
          ) : null}
          {complaint.status === 'open' ? (
            <button type="button" class="primary" data-testid="complaint-answer" onClick={() => onStep('answer', complaint)}>
              {t('complaints.answer')}
            </button>
          ) : null}
          {complaint.status === 'answered' ? (
            <button type="button" class="primary" data-testid="complaint-close" onClick={() => onStep('close', complaint)}>
              {t('complaints.close')}
            </button>
          ) : null}
        </span>
      </div>
    </li>
  );
}
