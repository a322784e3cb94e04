// The completion dialog's outcome and, for a care visit, how it was made (VisitModeField), on the desk and on the
// responder's phone alike; and what the confirmed form sends: the way it was made only where the outcome needs it.

import { useState } from 'preact/hooks';
import type { TaskOutcome } from '../../../../schemas/index.js';
import type { Task } from '../../model/task-book.js';
import { t } from '../i18n.js';
import { VisitModeField } from './VisitModeField.js';
import { outcomeNeedsMode } from './visit-task.js';

/** In the order of schemas/task.ts (a type-only import keeps zod out of the page). */
const OUTCOMES = ['visited', 'not_home', 'refused', 'fixed', 'service_delivered', 'not_needed', 'other'] as const satisfies readonly TaskOutcome[];

/** A required outcome with a deliberate "choose…" first; the visit's mode field follows the outcome chosen. */
export function OutcomeFields({ task }: { task: Task }) {
  const [outcome, setOutcome] = useState('');
  return (
    <>
      <label>
        <span>{t('taskComplete.outcome')}</span>
        <select name="outcome" required data-testid="task-outcome" value={outcome} onChange={(ev) => setOutcome(ev.currentTarget.value)}>
          <option value="">{t('form.choose')}</option>
          {OUTCOMES.map((code) => (
            <option key={code} value={code}>
              {t(`outcome.${code}`)}
            </option>
          ))}
        </select>
      </label>
      <VisitModeField task={task} outcome={outcome} />
    </>
  );
}

export interface Completion {
  outcome: string;
  note: string | undefined;
  /** Only for a care visit whose outcome says it was tried; the gateway refuses it elsewhere. */
  mode: string | undefined;
}

/** The completion the confirmed form (FormDialog's values) asks for. */
export function completionOf(task: Task, values: Readonly<Record<string, string | undefined>>): Completion {
  const outcome = values.outcome ?? '';
  return { outcome, note: values.note, mode: outcomeNeedsMode(task, outcome) ? values.mode : undefined };
}
