// The three task dialogs (assign, complete with an outcome, cancel with a reason), one at a time, for the task the
// card's button named. Confirming runs the action (task-actions.ts); the dialog closes either way.

import { useEffect, useState } from 'preact/hooks';
import { assignTask, cancelTask, completeTask } from '../../shared/api.js';
import { t } from '../../shared/i18n.js';
import { FormDialog } from '../../shared/ui/FormDialog.js';
import { Phrase, Typed } from '../../shared/ui/Typed.js';
import { responders, tasks, tasksRev, token } from '../state/desk-state.js';
import type { Task } from '../../model/task-book.js';
import { loadRespondersIfMissing, responderLabel, respondersFor } from './responder-choices.js';
import { closeTaskDialog, runTaskAction, taskDialog } from './task-actions.js';
import { kindLabel } from './task-text.js';
import { completionOf, OutcomeFields } from '../../shared/visit/OutcomeFields.js';


export function TaskDialogs() {
  const open = taskDialog.value;
  // read so the dialog's subject follows the task while it is open
  void tasksRev.value;
  const task = open && open.session === token.value ? tasks.get(open.taskId) : undefined;
  if (!open || !task) return null;
  const key = `${open.kind}:${task.id}`;
  if (open.kind === 'assign') return <AssignDialog key={key} task={task} />;
  if (open.kind === 'complete') return <CompleteDialog key={key} task={task} />;
  return <CancelDialog key={key} task={task} />;
}

/** The "kind · name" line under a task dialog's title. */
const Subject = ({ task }: { task: Task }) => <Phrase k="resolve.for" vars={{ type: kindLabel(task), name: <Typed class="for-name" value={task.elder.name} /> }} />;

function AssignDialog({ task }: { task: Task }) {
  const [chosen, setChosen] = useState(task.assignee?.id ?? '');
  useEffect(() => {
    if (token.value) void loadRespondersIfMissing(token.value);
  }, []);
  const people = respondersFor(task, responders.value);
  return (
    <FormDialog
      testid="task-assign-dialog"
      prefix="task-assign"
      title={t('taskAssign.heading')}
      subject={<Subject task={task} />}
      confirmLabel={t('taskAssign.confirm')}
      onConfirm={(values) => runTaskAction(task.id, (session) => assignTask(session, task.id, values.responderId ?? ''))}
      onClose={closeTaskDialog}
    >
      <label>
        <span>{t('taskAssign.responder')}</span>
        <select name="responderId" required data-testid="task-assign-responder" value={chosen} onChange={(ev) => setChosen(ev.currentTarget.value)}>
          <option value="">{t('form.choose')}</option>
          {people.map((person) => (
            <option key={person.id} value={person.id}>
              {responderLabel(person)}
            </option>
          ))}
        </select>
      </label>
      {people.length === 0 ? <p class="dialog-status">{t('taskAssign.none')}</p> : null}
    </FormDialog>
  );
}

function CompleteDialog({ task }: { task: Task }) {
  return (
    <FormDialog
      testid="task-complete-dialog"
      prefix="task-complete"
      title={t('taskComplete.heading')}
      subject={<Subject task={task} />}
      confirmLabel={t('taskComplete.confirm')}
      onConfirm={(values) => {
        const { outcome, note, mode } = completionOf(task, values);
        void runTaskAction(task.id, (session) => completeTask(session, task.id, outcome, note, mode));
      }}
      onClose={closeTaskDialog}
    >
      <OutcomeFields task={task} />
      <label>
        <span>{t('taskComplete.note')}</span>
        <textarea name="note" rows={3} maxLength={2000} data-testid="task-complete-note" />
      </label>
    </FormDialog>
  );
}

function CancelDialog({ task }: { task: Task }) {
  return (
    <FormDialog
      testid="task-cancel-dialog"
      prefix="task-cancel"
      backName="back"
      title={t('taskCancel.heading')}
      subject={<Subject task={task} />}
      confirmLabel={t('taskCancel.confirm')}
      onConfirm={(values) => runTaskAction(task.id, (session) => cancelTask(session, task.id, values.reason ?? ''))}
      onClose={closeTaskDialog}
    >
      <label>
        <span>{t('taskCancel.reason')}</span>
        <textarea name="reason" rows={2} maxLength={500} required data-testid="task-cancel-reason" />
      </label>
    </FormDialog>
  );
}
