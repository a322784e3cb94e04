// Small pieces of an alert's state, shared by the desk's queue rows, detail summary and dispatch part and by the
// responder's alert card: the escalation, late-arrival and cancel-pressed marks, who was sent and how far they got, the hold, and the
// device's context ("心率 142", "卫生间").

import { contextParts } from '../labels.js';
import { formatClock, t } from '../i18n.js';
import { Phrase, Typed } from './Typed.js';
import type { Alert, Assignee } from '../../model/alert-book.js';

export function WorkflowBadges({ alert }: { alert: Alert }) {
  const level = alert.escalationLevel;
  return (
    <>
      {level === 1 || level === 2 ? (
        <span class={`badge escalation escalation-${level}`} data-testid="escalation-badge">
          {t(`row.escalated${level}`)}
        </span>
      ) : null}
      {alert.lateArrival ? (
        <span class="badge late" data-testid="late-badge">
          {t('row.late')}
        </span>
      ) : null}
      {/* the elder's cancel that did not withdraw the alert: the desk and the responder decide whether to call it off */}
      {alert.cancelRequestedAt ? (
        <span class="badge cancel-requested" data-testid="cancel-requested-badge">
          {t('row.cancelRequested')}
        </span>
      ) : null}
    </>
  );
}

/** "派给 护理员张 · 14:05 已接单 · 14:20 到场"; once closed, the responder who went. */
export function AssigneeLine({ alert, assignee, testid = 'alert-assignee' }: { alert: Alert; assignee: Assignee; testid?: string }) {
  const name = <Typed class="person" value={assignee.displayName} />;
  if (!alert.assignee) return <Phrase class="assignee" testid={testid} k="row.responder" vars={{ name }} />;
  return (
    <span class="assignee" data-testid={testid}>
      <Phrase class="assignee-name" k="row.assignee" vars={{ name }} />
      {alert.status === 'dispatched' && !alert.acceptedAt ? <span class="pending-accept">{t('row.awaitingAccept')}</span> : null}
      {alert.acceptedAt ? <span class="accepted-at">{t('row.accepted', { time: formatClock(alert.acceptedAt) })}</span> : null}
      {alert.arrivedAt ? <span class="arrived-at">{t('row.arrived', { time: formatClock(alert.arrivedAt) })}</span> : null}
    </span>
  );
}

/** "暂缓至 14:30" and the reason the operator typed; nothing when not on hold. */
export function HoldLine({ alert }: { alert: Alert }) {
  if (alert.status !== 'on_hold' || !alert.holdUntil) return null;
  return (
    <span class="hold-info" data-testid="hold-info">
      <span class="hold-until">{t('row.holdUntil', { time: formatClock(alert.holdUntil) })}</span>
      {alert.holdReason ? <Typed class="note hold-reason" value={alert.holdReason} /> : null}
    </span>
  );
}

/** The device's context as separate parts; nothing when the alert came with none. */
export function ContextLine({ alert, class: className, testid }: { alert: Alert; class: string; testid?: string }) {
  const context = contextParts(alert);
  if (context.length === 0) return null;
  return (
    <div class={className} data-testid={testid}>
      {context.map((part, i) => (
        <span key={i} class="ctx">
          {part}
        </span>
      ))}
    </div>
  );
}
