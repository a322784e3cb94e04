// Open alerts as the handover reads them out: priority, type, the elder and community, since when, and what is
// special about each list (the hold's reason and end, the escalation, the responder sent).

import type { HandoverAlert } from '../../../../schemas/index.js';
import { formatDateTime, t } from '../../shared/i18n.js';
import { statusLabel, typeLabel } from '../../shared/labels.js';
import { Typed } from '../../shared/ui/Typed.js';

export function AlertLines({ alerts, testid }: { alerts: HandoverAlert[]; testid: string }) {
  if (alerts.length === 0) return <p class="handover-none">{t('handover.none')}</p>;
  return (
    <ol class="handover-lines" data-testid={testid}>
      {alerts.map((a) => (
        <li key={a.id} class="handover-line" data-testid="handover-alert" data-alert-id={a.id} data-status={a.status}>
          <span class={`prio prio-${a.priority}`}>P{a.priority}</span>
          <span class="what">{typeLabel(a.type)}</span>
          {a.test ? <span class="test-badge">{t('handover.test')}</span> : null}
          <Typed class="elder-name" value={a.elderName} />
          <Typed class="region-name" value={a.regionName} />
          <span class="when">{t('handover.raisedAt', { time: formatDateTime(a.raisedAt) })}</span>
          <span class={`status status-${a.status}`}>{statusLabel(a.status)}</span>
          {a.escalationLevel > 0 ? <span class="escalation">{t(`handover.escalation.${a.escalationLevel}`)}</span> : null}
          {a.assigneeName ? <span class="assignee">{t('handover.assignee', { name: a.assigneeName })}</span> : null}
          {a.status === 'on_hold' && a.holdUntil ? <span class="hold-until">{t('handover.holdUntil', { time: formatDateTime(a.holdUntil) })}</span> : null}
          {a.status === 'on_hold' && a.holdReason ? <Typed class="note" value={a.holdReason} testid="handover-hold-reason" /> : null}
        </li>
      ))}
    </ol>
  );
}
