// One alert dispatched to me: what, who, where, how to get in, whom to call, and the one next step as a big button
// (accept or decline, on site, resolve), with "navigate to the home" right under it when the home's location is on
// record. The dispatch time ticks once a second.

import { typeLabel } from '../shared/labels.js';
import { formatAge, formatClock, known, t } from '../shared/i18n.js';
import { ContextLine, WorkflowBadges } from '../shared/ui/alert-marks.js';
import { TestBadge, Typed } from '../shared/ui/Typed.js';
import type { Alert } from '../model/alert-book.js';
import { acceptAlert, arriveAlert } from './actions.js';
import { alertStage, type AlertStage } from './alert-stage.js';
import { RecordBlock } from './ElderRecord.js';
import { NavButton } from './NavButton.js';
import { dialog, elders, pendingAlerts, serverNow } from './state.js';

const STAGE_TEXT: Partial<Record<AlertStage, string>> = { offered: 'r.statusOffered', accepted: 'r.statusAccepted', onSite: 'r.statusOnSite' };

/** "14:05 派单 · 3分12秒前": when the alert was sent to me. Its own component, so only it redraws every second. */
function WhenSent({ alert }: { alert: Alert }) {
  const since = alert.assignedAt ?? alert.raisedAt;
  return (
    <p class="r-when">
      {t('r.dispatchedAt', { time: formatClock(since) })} · {t('row.ago', { age: formatAge(serverNow() - Date.parse(since)) })}
    </p>
  );
}

function NextStep({ alert, stage }: { alert: Alert; stage: AlertStage }) {
  const pending = pendingAlerts.value.has(alert.id);
  if (stage === 'offered') {
    return (
      <div class="r-actions">
        <button type="button" class="primary big" data-testid="r-accept" disabled={pending} onClick={() => void acceptAlert(alert)}>
          {t('action.accept')}
        </button>
        <button type="button" class="big" data-testid="r-decline" disabled={pending} onClick={() => (dialog.value = { kind: 'decline-alert', alert })}>
          {t('action.decline')}
        </button>
      </div>
    );
  }
  if (stage === 'accepted') {
    return (
      <div class="r-actions">
        <button type="button" class="primary big" data-testid="r-arrive" disabled={pending} onClick={() => void arriveAlert(alert)}>
          {t('action.arrive')}
        </button>
      </div>
    );
  }
  if (stage === 'onSite') {
    return (
      <div class="r-actions">
        <button type="button" class="primary big" data-testid="r-resolve" disabled={pending} onClick={() => (dialog.value = { kind: 'resolve', alert })}>
          {t('action.resolveOnSite')}
        </button>
      </div>
    );
  }
  return null;
}

export function AlertCard({ alert }: { alert: Alert }) {
  const stage = alertStage(alert);
  const stageKey = STAGE_TEXT[stage];
  return (
    <li
      class={`r-card r-alert priority-${alert.priority} stage-${stage}`}
      data-testid="responder-alert"
      data-alert-id={alert.id}
      data-status={alert.status}
      data-stage={stage}
      data-accepted={String(Boolean(alert.acceptedAt))}
    >
      <div class="r-head">
        <span class="priority">{t(`priority.${alert.priority}`)}</span>
        {alert.test ? <TestBadge /> : null}
        <span class="type">{typeLabel(alert.type)}</span>
        <WorkflowBadges alert={alert} />
      </div>
      <p class={`r-stage stage-${stage}`} data-testid="responder-stage">
        {stageKey ? t(stageKey) : (known(`status.${alert.status}`) ?? '')}
      </p>
      <div class="r-who">
        <Typed class="elder-name" value={alert.elder.name} testid="elder-name" />
        <Typed class="elder-address" value={alert.elder.address} />
      </div>
      <ContextLine alert={alert} class="r-context" />
      <WhenSent alert={alert} />
      <NextStep alert={alert} stage={stage} />
      <NavButton record={elders.value.get(alert.elder.id)} />
      <RecordBlock record={elders.value.get(alert.elder.id)} nav={false} />
    </li>
  );
}
