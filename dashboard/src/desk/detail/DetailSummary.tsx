// The top of the dialog: what the alert is and where it stands. Type, priority (in words, not colour alone),
// status, the escalation and late-arrival marks, when it was raised and how long it has been open (ticking), who
// acknowledged, who was sent and how far they got, the hold, how it ended, and what the device measured.

import { actorText, statusLabel, typeLabel } from '../../shared/labels.js';
import { formatAge, formatClock, formatTime, known, t } from '../../shared/i18n.js';
import { Phrase, TestBadge, Typed } from '../../shared/ui/Typed.js';
import { alerts, names, serverNow } from '../state/desk-state.js';
import { closedAt, isOpen, type Alert } from '../../model/alert-book.js';
import { AssigneeLine, ContextLine, HoldLine, WorkflowBadges } from '../../shared/ui/alert-marks.js';

/** Its own component: it reads the clock, so only it draws again every second. */
function AlertAge({ alert }: { alert: Alert }) {
  const raised = Date.parse(alert.raisedAt);
  const text = isOpen(alert)
    ? t('detail.age', { age: formatAge(serverNow() - raised) })
    : t('detail.took', { age: formatAge(Date.parse(closedAt(alert)) - raised) });
  return (
    <span class="age" data-testid="detail-age">
      {text}
    </span>
  );
}

function Ending({ alert }: { alert: Alert }) {
  if (isOpen(alert)) return null;
  const reason = alert.resolutionReason ? known(`reason.${alert.resolutionReason}`) : null;
  return (
    <>
      <span class="clock">{t('detail.closedAt', { time: formatTime(closedAt(alert)) })}</span>
      {reason ? <span class="reason">{reason}</span> : null}
      {alert.resolvedBy ? (
        <Phrase class="by" k={alert.status === 'false_alarm' ? 'row.closedBy' : 'row.resolvedBy'} vars={{ who: <Typed class="person" value={actorText(alert.resolvedBy, names.value)} /> }} />
      ) : null}
    </>
  );
}

export function DetailSummary({ alert }: { alert: Alert }) {
  const assignee = alerts.assigneeOf(alert);
  return (
    <div class={`detail-summary priority-${alert.priority}`} data-testid="detail-summary" data-status={alert.status}>
      <p class="detail-title">
        <span class={`priority priority-${alert.priority}`}>{t(`priority.${alert.priority}`)}</span>
        {alert.test ? <TestBadge /> : null}
        <span class="type">{typeLabel(alert.type)}</span>
        <span class={`status status-${alert.status}`} data-testid="detail-status">
          {statusLabel(alert.status)}
        </span>
        <WorkflowBadges alert={alert} />
        {alert.count > 1 ? <span class="repeat">{t(alert.type === 'sos' ? 'row.count' : 'row.repeats', { n: alert.count })}</span> : null}
      </p>
      <p class="detail-meta">
        <span class="clock">{t('detail.raisedAt', { time: formatTime(alert.raisedAt) })}</span>
        <AlertAge alert={alert} />
        {alert.acknowledgedBy ? (
          <Phrase
            class="ack-by"
            k="detail.ackByAt"
            vars={{ who: <Typed class="person" value={actorText(alert.acknowledgedBy, names.value)} />, time: formatClock(alert.acknowledgedAt) }}
          />
        ) : null}
        {assignee ? <AssigneeLine alert={alert} assignee={assignee} /> : null}
        <HoldLine alert={alert} />
        <Ending alert={alert} />
      </p>
      <ContextLine alert={alert} class="row-context" testid="alert-context" />
    </div>
  );
}
