// A greyed line in "recently closed": when and how it ended, the reason, who went and who closed it. A click shows
// it in the side pane (a note after the fact: "family called back").

import { formatTime, known } from '../../shared/i18n.js';
import { actorText, statusLabel, typeLabel } from '../../shared/labels.js';
import { Phrase, TestBadge, Typed } from '../../shared/ui/Typed.js';
import type { Alert, Assignee } from '../../model/alert-book.js';
import { names } from '../state/desk-state.js';
import { selectAlert } from './selection.js';

export function ClosedRow({ alert, assignee, selected }: { alert: Alert; assignee: Assignee | null; selected: boolean }) {
  const reason = alert.resolutionReason ? known(`reason.${alert.resolutionReason}`) : null;
  const ended = alert.resolvedAt ?? alert.cancelledAt ?? alert.clearedAt;
  return (
    <li
      class={selected ? `closed-row status-${alert.status} selected` : `closed-row status-${alert.status}`}
      tabIndex={0}
      aria-selected={selected}
      onClick={() => selectAlert(alert.id)}
      onKeyDown={(ev) => {
        if (ev.key === 'Enter') selectAlert(alert.id);
      }}
      data-testid="closed-alert-row"
      data-alert-id={alert.id}
      data-status={alert.status}
      data-type={alert.type}
      data-test={String(alert.test)}
      data-reason={alert.resolutionReason ?? undefined}
    >
      <span class="clock">{ended ? formatTime(ended) : ''}</span>
      <span class={`status status-${alert.status}`}>{statusLabel(alert.status)}</span>
      {alert.test ? <TestBadge /> : null}
      <span class="type">{typeLabel(alert.type)}</span>
      <Typed class="elder-name" value={alert.elder.name} />
      <Typed class="elder-address" value={alert.elder.address} />
      {reason ? <span class="reason">{reason}</span> : null}
      {assignee ? <Phrase class="by responder" k="row.responder" vars={{ name: <Typed class="person" value={assignee.displayName} /> }} /> : null}
      {alert.resolvedBy ? (
        <Phrase class="by" k={alert.status === 'false_alarm' ? 'row.closedBy' : 'row.resolvedBy'} vars={{ who: <Typed class="person" value={actorText(alert.resolvedBy, names.value)} /> }} />
      ) : null}
      {alert.resolutionNote ? <Phrase class="note-line" k="row.note" vars={{ note: <Typed class="note" value={alert.resolutionNote} /> }} /> : null}
    </li>
  );
}
