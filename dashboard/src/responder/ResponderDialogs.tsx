// The phone's three small forms: resolve an alert with a reason, decline an alert or a task, finish a task with an
// outcome (and, for a care visit, how it was made). One at a time, chosen by the `dialog` signal; each is a native modal <dialog> (shared FormDialog).

import type { Task } from '../model/task-book.js';
import { t } from '../shared/i18n.js';
import { typeLabel } from '../shared/labels.js';
import { FormDialog } from '../shared/ui/FormDialog.js';
import { Phrase, Typed } from '../shared/ui/Typed.js';
import { completionOf, OutcomeFields } from '../shared/visit/OutcomeFields.js';
import { completeTask, declineAlert, declineTask, resolveAlert } from './actions.js';
import { dialog, type OpenDialog } from './state.js';

const RESOLUTION_REASONS = ['handled_on_site', 'hospital_transfer', 'family_took_over', 'handled_by_phone', 'no_action_needed', 'other'];

const close = () => (dialog.value = null);

/** "紧急呼叫 · 张玉珍": what the dialog acts on. */
const subject = (what: string, name: string) => <Phrase k="resolve.for" vars={{ type: what, name: <Typed class="for-name" value={name} /> }} />;

/** A required choice among codes, labelled in the page's language, with a deliberate "choose…" first. */
function CodeSelect({ name, label, codes, labelKey, testid }: { name: string; label: string; codes: string[]; labelKey: string; testid: string }) {
  return (
    <label>
      <span>{label}</span>
      <select name={name} required data-testid={testid}>
        <option value="">{t('form.choose')}</option>
        {codes.map((code) => (
          <option key={code} value={code}>
            {t(`${labelKey}.${code}`)}
          </option>
        ))}
      </select>
    </label>
  );
}

function NoteField({ label, testid }: { label: string; testid: string }) {
  return (
    <label>
      <span>{label}</span>
      <textarea name="note" rows={3} maxLength={2000} data-testid={testid} />
    </label>
  );
}

function DeclineReason() {
  return (
    <label>
      <span>{t('decline.reason')}</span>
      <input name="reason" maxLength={500} autocomplete="off" data-testid="decline-reason" />
    </label>
  );
}

/** Finishing a task; a care visit also asks how it was made once the outcome says it was tried (上门/电话/视频). */
function CompleteTaskDialog({ task }: { task: Task }) {
  return (
    <FormDialog
      testid="task-complete-dialog"
      prefix="task-complete"
      title={t('taskComplete.heading')}
      subject={subject(t(`task.kind.${task.kind}`), task.elder.name)}
      confirmLabel={t('taskComplete.confirm')}
      backLabel={t('resolve.cancel')}
      onConfirm={(v) => {
        const { outcome, note, mode } = completionOf(task, v);
        void completeTask(task, outcome, note, mode);
      }}
      onClose={close}
    >
      <OutcomeFields task={task} />
      <NoteField label={t('taskComplete.note')} testid="task-complete-note" />
    </FormDialog>
  );
}

function Dialog({ open }: { open: OpenDialog }) {
  switch (open.kind) {
    case 'resolve': {
      const { alert } = open;
      return (
        <FormDialog
          testid="resolve-dialog"
          prefix="resolve"
          title={t('resolve.heading')}
          subject={subject(typeLabel(alert.type), alert.elder.name)}
          confirmLabel={t('resolve.confirm')}
          backLabel={t('resolve.cancel')}
          onConfirm={(v) => void resolveAlert(alert, v.reason ?? '', v.note)}
          onClose={close}
        >
          <CodeSelect name="reason" label={t('resolve.reason')} codes={RESOLUTION_REASONS} labelKey="reason" testid="resolve-reason" />
          <NoteField label={t('resolve.note')} testid="resolve-note" />
        </FormDialog>
      );
    }
    case 'decline-alert': {
      const { alert } = open;
      return (
        <FormDialog
          testid="decline-dialog"
          prefix="decline"
          backName="back"
          title={t('decline.heading')}
          subject={subject(typeLabel(alert.type), alert.elder.name)}
          confirmLabel={t('decline.confirm')}
          onConfirm={(v) => void declineAlert(alert, v.reason)}
          onClose={close}
        >
          <DeclineReason />
        </FormDialog>
      );
    }
    case 'decline-task': {
      const { task } = open;
      return (
        <FormDialog
          testid="decline-dialog"
          prefix="decline"
          backName="back"
          title={t('declineTask.heading')}
          subject={subject(t(`task.kind.${task.kind}`), task.elder.name)}
          confirmLabel={t('decline.confirm')}
          onConfirm={(v) => void declineTask(task, v.reason)}
          onClose={close}
        >
          <DeclineReason />
        </FormDialog>
      );
    }
    case 'complete-task':
      return <CompleteTaskDialog task={open.task} />;
  }
}

/** The open dialog, if any; keyed so that a new one starts with an empty form. */
export function ResponderDialogs() {
  const open = dialog.value;
  if (!open) return null;
  const id = 'alert' in open ? open.alert.id : open.task.id;
  return <Dialog key={`${open.kind}:${id}`} open={open} />;
}
