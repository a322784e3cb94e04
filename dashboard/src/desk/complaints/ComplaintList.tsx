// The complaints for supervisors: what is still waiting counted on top ("3 条投诉待处理，1 条超期"), overdue first in
// red with how long, then open, then answered; answer and close (after the follow-up call) from the row.

import { useEffect, useState } from 'preact/hooks';
import type { ComplaintView } from '../../../../schemas/index.js';
import { FormDialog } from '../../shared/ui/FormDialog.js';
import { t } from '../../shared/i18n.js';
import { ListStatus } from '../../shared/ui/ListStatus.js';
import { Typed } from '../../shared/ui/Typed.js';
import { now, serverNow } from '../state/desk-state.js';
import { answer, closeAfterFollowUp, takeComplaint } from './complaint-actions.js';
import { ComplaintRow, type ComplaintStep } from './ComplaintRow.js';
import { complaintCounts, complaintFilter, complaints, complaintsError, loadComplaints, sortComplaints } from './complaints-state.js';
import { phoneErrorMessage } from '../phone/phone-request.js';
import '../../styles/phone.css';

export function ComplaintFigures() {
  const { waiting, overdue, loaded } = complaintCounts.value;
  if (!loaded) return null;
  return (
    <p class={overdue > 0 ? 'waiting-figure alarm' : waiting > 0 ? 'waiting-figure' : 'waiting-figure calm'} data-testid="complaint-figures">
      {t(overdue > 0 ? 'complaints.figuresOverdue' : 'complaints.figures', { n: waiting, late: overdue })}
    </p>
  );
}

function StepDialog({ step, complaint, onClose }: { step: 'answer' | 'close'; complaint: ComplaintView; onClose: () => void }) {
  const subject = <Typed value={complaint.statement.length > 80 ? `${complaint.statement.slice(0, 80)}…` : complaint.statement} />;
  if (step === 'answer') {
    return (
      <FormDialog testid="complaint-answer-dialog" title={t('complaints.answerHeading')} subject={subject} confirmLabel={t('complaints.answerConfirm')} prefix="complaint-answer" onConfirm={(v) => answer(complaint, v.answer ?? '')} onClose={onClose}>
        <label>
          {t('complaints.answerText')}
          <textarea name="answer" rows={4} maxLength={4000} required data-testid="complaint-answer-text" />
        </label>
      </FormDialog>
    );
  }
  return (
    <FormDialog testid="complaint-close-dialog" title={t('complaints.closeHeading')} subject={subject} confirmLabel={t('complaints.closeConfirm')} prefix="complaint-close" onConfirm={(v) => closeAfterFollowUp(complaint, v.note ?? '')} onClose={onClose}>
      <p class="dialog-hint">{t('complaints.closeHint')}</p>
      <label>
        {t('complaints.followUpNote')}
        <textarea name="note" rows={3} maxLength={2000} required data-testid="complaint-close-note" />
      </label>
    </FormDialog>
  );
}

export function ComplaintList() {
  const [open, setOpen] = useState<{ step: 'answer' | 'close'; complaint: ComplaintView } | null>(null);
  useEffect(() => void loadComplaints(), []);
  void now.value; // overdue marks and their "how long" follow the clock
  const list = complaints.value;
  const error = complaintsError.value;
  const failed = error ? phoneErrorMessage(error) : null;
  const sorted = list ? sortComplaints(list, serverNow()) : [];

  function onStep(step: ComplaintStep, complaint: ComplaintView) {
    if (step === 'take') takeComplaint(complaint);
    else setOpen({ step, complaint });
  }

  return (
    <section class="complaint-list" data-testid="complaint-list" aria-labelledby="complaints-heading">
      <div class="board-head">
        <h2 id="complaints-heading">{t('complaints.heading')}</h2>
        <ComplaintFigures />
        <label class="check">
          <input type="checkbox" data-testid="complaints-all" checked={complaintFilter.value === 'all'} onChange={(ev) => (complaintFilter.value = ev.currentTarget.checked ? 'all' : 'unclosed')} />
          {t('complaints.showClosed')}
        </label>
      </div>
      <ListStatus failed={failed} loading={list === null} empty={list !== null && sorted.length === 0 ? t('complaints.empty') : null} />
      <ol class="complaints">
        {sorted.map((c) => (
          <ComplaintRow key={c.id} complaint={c} onStep={onStep} />
        ))}
      </ol>
      {open ? <StepDialog key={`${open.step}:${open.complaint.id}`} step={open.step} complaint={open.complaint} onClose={() => setOpen(null)} /> : null}
    </section>
  );
}
