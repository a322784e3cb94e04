// One open alert in the queue, readable from a chair's distance: the priority in words and colour (P1 red, P2
// orange, P3 blue), the type, the status, the escalation and late marks, the elder and the address large, what the
// device reported, who was sent, the age ticking, and the buttons. A click anywhere else on the row, or Enter on
// it, opens the details.

import { formatTime, t } from '../../shared/i18n.js';
import { actorText, statusLabel, typeLabel } from '../../shared/labels.js';
import { Phrase, TestBadge, Typed } from '../../shared/ui/Typed.js';
import { AssigneeLine, ContextLine, HoldLine, WorkflowBadges } from '../../shared/ui/alert-marks.js';
import type { Alert } from '../../model/alert-book.js';
import { flashUntil, names, now } from '../state/desk-state.js';
import { actOn } from './alert-actions.js';
import { AlertAge } from './AlertAge.js';
import { DeviceWarnings } from './DeviceWarnings.js';
import { RowActions } from './RowActions.js';

/** A click on the row itself, not on a button or a link, and not the end of selecting text. */
function openDetailsOnClick(ev: MouseEvent, alert: Alert) {
  const target = ev.target as Element;
  if (target.closest('button, a') || String(window.getSelection?.() ?? '') !== '') return;
  actOn('details', alert);
}

export function AlertRow({ alert, keyTarget }: { alert: Alert; keyTarget: boolean }) {
  const until = flashUntil.value.get(alert.id);
  // `now` is read only while a flash is under way, so rows without one are not drawn again every second
  const flashing = until !== undefined && until > now.value;
  const classes = ['alert-row', `priority-${alert.priority}`, `status-${alert.status}`];
  if (alert.test) classes.push('is-test');
  if (flashing) classes.push('flash');
  if (keyTarget) classes.push('key-target');
  const repeats = alert.count > 1 ? t(alert.type === 'sos' ? 'row.count' : 'row.repeats', { n: alert.count }) : null;

  return (
    <li
      class={classes.join(' ')}
      tabIndex={0}
      data-testid="alert-row"
      data-alert-id={alert.id}
      data-status={alert.status}
      data-priority={String(alert.priority)}
      data-type={alert.type}
      data-test={String(alert.test)}
      data-escalation-level={String(alert.escalationLevel)}
      data-late-arrival={String(alert.lateArrival)}
      data-accepted={String(Boolean(alert.acceptedAt))}
      data-flash={String(flashing)}
      data-key-target={String(keyTarget)}
      data-assignee-id={alert.assignee?.id}
      onClick={(ev) => openDetailsOnClick(ev, alert)}
      onKeyDown={(ev) => {
        if (ev.key === 'Enter' && ev.target === ev.currentTarget) actOn('details', alert);
      }}
    >
      <div class="row-head">
        <span class="head-top">
          <span class="priority">{t(`priority.${alert.priority}`)}</span>
          {alert.test ? <TestBadge /> : null}
          {keyTarget ? (
            <span class="key-mark" data-testid="keyboard-target" title={t('row.keyTarget')} aria-label={t('row.keyTarget')}>
              ⌨
            </span>
          ) : null}
        </span>
        <span class="type">{typeLabel(alert.type)}</span>
        <span class={`status status-${alert.status}`} data-testid="alert-status">
          {statusLabel(alert.status)}
        </span>
        {alert.escalationLevel > 0 || alert.lateArrival || alert.cancelRequestedAt ? (
          <span class="badges">
            <WorkflowBadges alert={alert} />
          </span>
        ) : null}
        {repeats ? <span class="repeat">{repeats}</span> : null}
      </div>
      <div class="row-who">
        <Typed class="elder-name" value={alert.elder.name} testid="elder-name" />
        <Typed class="elder-address" value={alert.elder.address} />
      </div>
      <ContextLine alert={alert} class="row-context" testid="alert-context" />
      <div class="row-meta">
        {alert.assignee ? <AssigneeLine alert={alert} assignee={alert.assignee} /> : null}
        <HoldLine alert={alert} />
        <span class="device">{alert.deviceId === null ? t('row.byPhone') : t('row.device', { id: alert.deviceId })}</span>
        <DeviceWarnings alert={alert} />
        {alert.acknowledgedBy ? <Phrase class="ack-by" k="row.ackBy" vars={{ who: <Typed class="person" value={actorText(alert.acknowledgedBy, names.value)} /> }} /> : null}
      </div>
      <div class="row-when">
        <AlertAge since={alert.raisedAt} />
        <span class="clock">{formatTime(alert.raisedAt)}</span>
      </div>
      <RowActions alert={alert} />
    </li>
  );
}
