// What the call form's buttons do: put the call on record (POST /calls), then what follows from it — an alert with
// no device, a service task, a complaint — each a request of its own. When the call was saved but what follows was
// refused, the saved call is kept, so trying again does not record the same call twice.

import type { CallCategory, CallLine, CallView, ElderLookupItem, ServiceType } from '../../../../schemas/index.js';
import { createCall, createComplaint, raiseCallAlert, requestServiceFromCall, type ComplaintSubject, type MessageRef } from '../../shared/api.js';
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
  if (!draft.elder && !filled(draft.callerName) && !filled(draft.address)) return ['phone.error.callerRequired'];
  return null;
}

export async function saveCall(draft: CallDraft, followUp: FollowUp): Promise<CallView> {
  const category = CATEGORY_OF[followUp.kind] ?? draft.category ?? 'question';
  const number = looksLikeNumber(draft.number) ? draft.number.trim() : undefined;
  return withSession((session) =>
    createCall(session, {
      direction: draft.direction,
      line: draft.line,
      category,
      ...(number ? { callerNumber: number } : {}),
      ...(draft.elder ? { elderId: draft.elder.id } : { callerName: filled(draft.callerName), address: filled(draft.address) }),
      ...(filled(draft.note) ? { note: filled(draft.note) } : {}),
      ...(draft.externalId ? { externalId: draft.externalId } : {}),
    }),
  );
}

/** What follows from the saved call; the message the desk's notice line says when it is done. */
export async function followUpCall(call: CallView, draft: CallDraft, followUp: FollowUp): Promise<MessageRef> {
  const who = draft.elder?.name ?? filled(draft.callerName) ?? call.callerNumber ?? '';
  switch (followUp.kind) {
    case 'none':
      return ['phone.done.saved', { who }];
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
