// One open alert in the queue, on one line so that a screen holds twenty: the priority as a coloured mark with its
// number (P1 red, P2 orange, P3 blue; the words in its title), the type with its escalation marks, the elder, what
// the device reported ("卫生间", "心率 142") and the address from below the elder's region (whole in the title and the pane), the status, who was sent (or the hold), the age ticking (red
// past a minute unacknowledged) and the one next step as a button (确认 when raised, 派单 when acknowledged).
// A click anywhere else on the row, or Enter on it, selects it: the side pane shows everything else.

import { t } from '../../shared/i18n.js';
import { statusLabel, typeLabel } from '../../shared/labels.js';
import { TestBadge, Typed } from '../../shared/ui/Typed.js';
import { AssigneeLine, ContextLine, HoldLine, WorkflowBadges } from '../../shared/ui/alert-marks.js';
import type { Alert } from '../../model/alert-book.js';
import { flashUntil, now, regions } from '../state/desk-state.js';
import { addressTail } from '../../shared/address-tail.js';
import { AlertAge } from './AlertAge.js';
import { RowAction } from './RowActions.js';
import { selectAlert } from './selection.js';

/** A click on the row itself, not on a button or a link, and not the end of selecting text. */
function selectOnClick(ev: MouseEvent, alert: Alert) {
  const target = ev.target as Element;
  if (target.closest('button, a') || String(window.getSelection?.() ?? '') !== '') return;
  selectAlert(alert.id);
}

export function AlertRow({ alert, selected, keyTarget }: { alert: Alert; selected: boolean; keyTarget: boolean }) {
  const until = flashUntil.value.get(alert.id);
  // `now` is read only while a flash is under way, so rows without one are not drawn again every second
  const flashing = until !== undefined && until > now.value;
  const classes = ['alert-row', `priority-${alert.priority}`, `status-${alert.status}`];
  if (alert.test) classes.push('is-test');
  if (flashing) classes.push('flash');
  if (keyTarget) classes.push('key-target');
  if (selected) classes.push('selected');
  const repeats = alert.count > 1 ? t(alert.type === 'sos' ? 'row.count' : 'row.repeats', { n: alert.count }) : null;

  return (
    <li
      class={classes.join(' ')}
      tabIndex={0}
      aria-selected={selected}
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
      data-selected={String(selected)}
      data-assignee-id={alert.assignee?.id}
      onClick={(ev) => selectOnClick(ev, alert)}
      onKeyDown={(ev) => {
        if (ev.key === 'Enter' && ev.target === ev.currentTarget) selectAlert(alert.id);
      }}
    >
      <span class="priority" title={t(`priority.${alert.priority}`)} aria-label={t(`priority.${alert.priority}`)}>
        P{alert.priority}
      </span>
      <span class="qr-type" title={typeLabel(alert.type)}>
        <span class="type">{typeLabel(alert.type)}</span>
        {alert.test ? <TestBadge /> : null}
        <WorkflowBadges alert={alert} />
        {repeats ? <span class="repeat">{repeats}</span> : null}
      </span>
      <span class="qr-who" title={`${alert.elder.name} ${alert.elder.address}`}>
        <Typed class="elder-name" value={alert.elder.name} testid="elder-name" />
        <ContextLine alert={alert} class="qr-ctx" testid="alert-context" />
        <Typed class="elder-address" value={addressTail(alert.elder.address, alert.elder.regionId, regions.value)} />
      </span>
      <span class={`status status-${alert.status}`} data-testid="alert-status">
        {statusLabel(alert.status)}
      </span>
      <span class="qr-assignee">{alert.assignee ? <AssigneeLine alert={alert} assignee={alert.assignee} /> : <HoldLine alert={alert} />}</span>
      <AlertAge since={alert.raisedAt} waiting={alert.status === 'raised'} />
      <span class="qr-action">
        <RowAction alert={alert} />
      </span>
      {keyTarget ? (
        <span class="key-mark" data-testid="keyboard-target" title={t('row.keyTarget')} aria-label={t('row.keyTarget')}>
          ⌨
        </span>
      ) : null}
    </li>
  );
}
