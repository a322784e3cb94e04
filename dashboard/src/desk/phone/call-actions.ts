// What the call form's buttons do: put the call on record (POST /calls), then what follows from it — an alert with
// no device, a service task, a complaint — each a request of its own. When the call was saved but what follows was
// refused, the saved call is kept, so trying again does not record the same call twice. A phone check (电话问候)
// may complete the elder's monthly visit in the same request.

import type { CallCategory, CallLine, CallOutcome, CallView, ElderLookupItem, ServiceType } from '../../../../schemas/index.js';
import { ApiError, createCall, createComplaint, raiseCallAlert, requestServiceFromCall, type ComplaintSubject, type MessageRef } from '../../shared/api.js';
import { alerts, bumpAlerts, bumpTasks, tasks } from '../state/desk-state.js';
import { t } from '../../shared/i18n.js';
import { looksLikeNumber } from './call-labels.js';
import { withSession } from './phone-request.js';

export interface CallDraft {
  number: string;
  elder: ElderLookupItem | null;
  line: CallLine;
  direction: 'inbound' | 'outbound';
  /** The category the operator chose; the follow-up buttons choose their own. */
  category: CallCategory | null;
  callerName: string;
  address: string;
  note: string;
  externalId: string | null;
  /** How an outbound call ended; sent only for an outbound call. */
  outcome: CallOutcome | null;
  /** The elder's open monthly visit this phone check is to complete (电话问候), when the operator ticked it. */
  visitTaskId: string | null;
}

/** The call on record; `visitRefused` when the elder must be visited in person, so it was saved without the visit. */
export interface SavedCall {
  call: CallView;
  visitRefused: boolean;
}

export type FollowUp =
  | { kind: 'none' }
  | { kind: 'alert' }
  | { kind: 'service'; service: ServiceType }
  | { kind: 'complaint'; subject: ComplaintSubject; subjectName: string; statement: string };

const CATEGORY_OF: Record<FollowUp['kind'], CallCategory | null> = { none: null, alert: 'emergency', service: 'service_request', complaint: 'complaint' };

const filled = (value: string) => (value.trim() === '' ? undefined : value.trim());

/** What stops the form before it is sent, in the operator's words; null when it can go. */
export function draftProblem(draft: CallDraft, followUp: FollowUp): MessageRef | null {
  if (followUp.kind === 'none' && !draft.category) return ['phone.error.categoryRequired'];
  if (followUp.kind === 'alert' && !draft.elder) return ['phone.error.needsElder'];
  if (followUp.kind === 'service' && !draft.elder) return ['phone.error.needsElder'];
  if (followUp.kind === 'complaint' && followUp.statement.trim() === '') return ['phone.error.statementRequired'];
  if (visitOf(draft, followUp) !== undefined && draft.outcome !== 'answered') return ['phone.error.visitNeedsAnswer'];
  if (!draft.elder && !filled(draft.callerName) && !filled(draft.address)) return ['phone.error.callerRequired'];
  return null;
}

/** The visit a phone check completes: only an outbound wellbeing call with nothing else following can be one. */
function visitOf(draft: CallDraft, followUp: FollowUp): string | undefined {
  const wellbeing = (CATEGORY_OF[followUp.kind] ?? draft.category) === 'wellbeing';
  return draft.direction === 'outbound' && wellbeing && draft.visitTaskId ? draft.visitTaskId : undefined;
}

/**
 * Puts the call on record. A phone check the visit policy does not allow for this elder (409
 * PHONE_VISIT_NOT_ALLOWED: they must be seen in person) is saved again without the visit — the call happened and
 * stays on record — and says so.
 */
export async function saveCall(draft: CallDraft, followUp: FollowUp): Promise<SavedCall> {
  const category = CATEGORY_OF[followUp.kind] ?? draft.category ?? 'question';
  const number = looksLikeNumber(draft.number) ? draft.number.trim() : undefined;
  const visitTaskId = visitOf(draft, followUp);
  const body = {
    direction: draft.direction,
    line: draft.line,
    category,
    ...(number ? { callerNumber: number } : {}),
    ...(draft.elder ? { elderId: draft.elder.id } : { callerName: filled(draft.callerName), address: filled(draft.address) }),
    ...(filled(draft.note) ? { note: filled(draft.note) } : {}),
    ...(draft.externalId ? { externalId: draft.externalId } : {}),
    ...(draft.direction === 'outbound' && draft.outcome ? { outcome: draft.outcome } : {}),
  };
  if (visitTaskId === undefined) return { call: await withSession((session) => createCall(session, body)), visitRefused: false };
  try {
    return { call: await withSession((session) => createCall(session, { ...body, visitTaskId })), visitRefused: false };
  } catch (err) {
    if (!(err instanceof ApiError && err.code === 'PHONE_VISIT_NOT_ALLOWED')) throw err;
    return { call: await withSession((session) => createCall(session, body)), visitRefused: true };
  }
}

/** What follows from the saved call; the message the desk's notice line says when it is done. */
export async function followUpCall(call: CallView, draft: CallDraft, followUp: FollowUp): Promise<MessageRef> {
  const who = draft.elder?.name ?? filled(draft.callerName) ?? call.callerNumber ?? '';
  switch (followUp.kind) {
    case 'none':
      return [call.taskId ? 'phone.done.visit' : 'phone.done.saved', { who }];
    case 'alert': {
      const reply = await withSession((session) => raiseCallAlert(session, call.id, 1, filled(draft.note)));
      // the live link announces it too; the reply puts it in the queue at once when the link is slow
      if (alerts.applyReply(reply.alert, alerts.version(reply.alert.id))) bumpAlerts();
      return ['phone.done.alert', { who }];
    }
    case 'service': {
      const reply = await withSession((session) => requestServiceFromCall(session, call.id, followUp.service, filled(draft.note)));
      if (tasks.applyReply(reply.task, tasks.version(reply.task.id))) bumpTasks();
      return ['phone.done.service', { who, service: t(`service.${followUp.service}`) }];
    }
    case 'complaint':
      await withSession((session) =>
        createComplaint(session, {
          callId: call.id,
          ...(draft.elder ? { elderId: draft.elder.id } : {}),
          subject: followUp.subject,
          ...(filled(followUp.subjectName) ? { subjectName: filled(followUp.subjectName) } : {}),
          statement: followUp.statement.trim(),
        }),
      );
      return ['phone.done.complaint', { who }];
  }
}
