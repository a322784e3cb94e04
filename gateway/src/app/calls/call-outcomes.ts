import type { CallLine, Priority, ServiceType } from '../../../../schemas/index.js';
import { raiseOrRepeat } from '../../core/alerts/alert-factory.js';
import { openTask } from '../../core/tasks/task-factory.js';
import { completeTask } from '../../core/tasks/task-lifecycle.js';
import { withVisitMode } from '../../core/tasks/care-visit-records.js';
import { AppError } from '../errors.js';
import type { RuleRunner } from '../decisions/rule-runner.js';

// What comes of a call, decided in the elder's queue by the same rule runner a device goes through: an alert with
// no device (it escalates, is dispatched and resolved like an SOS: the alert's follow-ups are the same), the
// service task the green key opens, a care visit completed by a phone check. Each returns the id it made or met.

/** Raises the call's phone_emergency alert, or counts a repeat on the one already open for the elder. */
export async function raiseFromCall(
  rules: RuleRunner,
  input: { elderId: string; callId: string; line: CallLine; priority: Priority; note: string | null; actor: string },
): Promise<string> {
  let alertId: string | null = null;
  await rules.run({
    elderId: input.elderId,
    deviceId: null,
    actor: input.actor,
    withResponders: false,
    evaluate: (state, now) => {
      // Two clicks on one call that cross: the second finds the first's alert in the elder's queue.
      if (state.openAlerts.some((a) => a.context.callId === input.callId)) throw new AppError('CALL_ALREADY_LINKED', 'the call already raised an alert');
      const decisions = raiseOrRepeat(state, now, {
        type: 'phone_emergency',
        deviceId: null,
        priority: input.priority,
        context: { callId: input.callId, line: input.line },
        actor: input.actor,
        note: input.note,
      });
      const made = decisions.find((d) => d.kind === 'raise' || d.kind === 'update');
      alertId = made && (made.kind === 'raise' || made.kind === 'update') ? made.alert.id : null;
      return decisions;
    },
  });
  if (alertId === null) throw new AppError('INTERNAL', 'the call raised no alert');
  return alertId;
}

/** Opens the service task the green key opens; one already open for the same service is the one the call joins. */
export async function serviceFromCall(
  rules: RuleRunner,
  input: { elderId: string; service: ServiceType; note: string | null; actor: string },
): Promise<string> {
  let taskId: string | null = null;
  await rules.run({
    elderId: input.elderId,
    deviceId: null,
    actor: input.actor,
    evaluate: (state, now) => {
      const decisions = openTask(state, now, { kind: 'service', reason: 'service_request', service: input.service, deviceId: null, note: input.note });
      const created = decisions.find((d) => d.kind === 'createTask');
      taskId = created?.kind === 'createTask' ? created.task.id : (state.openTasks.find((t) => t.kind === 'service' && t.service === input.service)?.id ?? null);
      return decisions;
    },
  });
  if (taskId === null) throw new AppError('TASK_NOT_FOUND');
  return taskId;
}

/**
 * A phone check (电话问候) completes the elder's open care visit, made by phone, when phone is among the ways the
 * task counts (its visitModes, copied from the visit policy when it was made). Otherwise it is refused before
 * anything is written (409 PHONE_VISIT_NOT_ALLOWED): closing a visit that must be made at the door with a call would
 * leave the elder unseen while the board shows the visit done. The call itself can still be recorded, without
 * visitTaskId.
 */
export async function completeVisitByPhone(rules: RuleRunner, input: { elderId: string; taskId: string; note: string; actor: string }): Promise<void> {
  await rules.run({
    elderId: input.elderId,
    deviceId: null,
    actor: input.actor,
    evaluate: (state, now) => {
      const task = state.openTasks.find((t) => t.id === input.taskId);
      if (!task) throw new AppError('TASK_TRANSITION_INVALID', 'the visit is no longer open');
      if (task.kind !== 'care_visit') throw new AppError('PHONE_VISIT_INVALID', `task ${task.id} is a ${task.kind}, not a care visit`);
      if (!(task.visitModes ?? []).includes('phone')) {
        throw new AppError('PHONE_VISIT_NOT_ALLOWED', `the visit policy counts only ${(task.visitModes ?? []).join(', ')} for this visit`);
      }
      const result = withVisitMode(completeTask(task, input.actor, now, 'visited', input.note, null), 'phone');
      if (!result.ok) throw new AppError(result.code, `task is ${result.from}`);
      return result.decisions;
    },
  });
}
