// One call in the log: when, which line and which way, the number, who (the elder, or the caller as they gave it),
// the category, the note, who took it, and what came of it. A call for nobody registered yet says so and offers
// to link it to an elder, or to register the caller as a new one.

import type { CallView } from '../../../../schemas/index.js';
import { formatDateTime, t } from '../../shared/i18n.js';
import { Typed } from '../../shared/ui/Typed.js';
import { categoryLabel, directionLabel, lineLabel, outcomeLabel } from '../phone/call-labels.js';

export function CallRow({ call, onLink, onRegister }: { call: CallView; onLink: (call: CallView) => void; onRegister: (call: CallView) => void }) {
  const unlinked = call.elder === null;
  return (
    <li class={`call-row category-${call.category}${unlinked ? ' unlinked' : ''}`} data-testid="call-row" data-call-id={call.id} data-unlinked={String(unlinked)}>
      <div class="call-when">
        <span class="clock">{formatDateTime(call.startedAt)}</span>
        <span class="call-line">
          {directionLabel(call.direction)} · {lineLabel(call.line)}
        </span>
      </div>
      <div class="call-who">
        {call.elder ? <Typed class="call-elder" value={call.elder.name} /> : <Typed class="call-elder unknown" value={call.callerName ?? t('calls.unknownCaller')} />}
        {call.callerNumber ? <Typed class="phone" value={call.callerNumber} /> : null}
        {!call.elder && call.address ? <Typed class="call-address" value={call.address} /> : null}
      </div>
      <div class="call-what">
        <span class={`category-chip category-${call.category}`}>{categoryLabel(call.category)}</span>
        {call.outcome ? <span class="chip">{outcomeLabel(call.outcome)}</span> : null}
        {call.alertId ? <span class="chip result">{t('calls.gotAlert')}</span> : null}
        {call.taskId ? <span class="chip result">{t('calls.gotTask')}</span> : null}
        {call.complaintId ? <span class="chip result">{t('calls.gotComplaint')}</span> : null}
        {call.note ? <Typed class="note" value={call.note} /> : null}
      </div>
      <div class="call-side">
        <span class="muted">
          {t('calls.takenBy')} <Typed value={call.operator.displayName} />
        </span>
        {unlinked ? (
          <div class="link-actions">
            <button type="button" class="small link-action" data-testid="call-link" onClick={() => onLink(call)}>
              {t('calls.link')}
            </button>
            <button type="button" class="small link-action" data-testid="call-register" onClick={() => onRegister(call)}>
              {t('calls.register')}
            </button>
          </div>
        ) : null}
      </div>
    </li>
  );
}
