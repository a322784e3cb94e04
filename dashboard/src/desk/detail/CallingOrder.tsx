// Whom the desk calls during this alarm, in order (GET /alerts/:id/calling-order): the elder first, then the
// contacts as listed. Each party shows every attempt (when, how it ended, who called) and four buttons to log the
// next one (接通 / 无人接听 / 占线 / 号码错误); the party to call next is marked, and the list says when someone
// answered. Logging an attempt reads the order again and tells the dialog, whose timeline then shows the entry.

import { useState } from 'preact/hooks';
import { CALL_OUTCOMES, type CallingOrder as Order, type CallOutcome } from '../../../../schemas/index.js';
import { getCallingOrder, logCallAttempt } from '../../shared/api.js';
import { formatTime, t } from '../../shared/i18n.js';
import { CallLink } from '../../shared/ui/ElderRecord.js';
import { FormError } from '../../shared/ui/FormError.js';
import { Typed } from '../../shared/ui/Typed.js';
import { outcomeLabel } from '../phone/call-labels.js';
import { withSession } from '../phone/phone-request.js';
import { usePhoneAction } from '../phone/use-phone-action.js';
import { names } from '../state/desk-state.js';
import { LoadStatus } from './LoadStatus.js';
import { useLoad } from './use-load.js';
import '../../styles/phone.css';

type Party = Order['parties'][number];

/** The operator as a person's name when the desk knows the username. */
const operatorName = (operator: string) => names.value.get(operator.replace(/^user:/, '')) ?? operator.replace(/^user:/, '');

function PartyRow({ party, order, isNext, busy, onLog }: { party: Party; order: number; isNext: boolean; busy: boolean; onLog: (party: string, outcome: CallOutcome) => void }) {
  const answered = party.attempts.some((a) => a.outcome === 'answered');
  const classes = ['party'];
  if (isNext) classes.push('next');
  if (answered) classes.push('answered');
  return (
    <li class={classes.join(' ')} data-testid="calling-party" data-party={party.party} data-next={String(isNext)} data-attempts={String(party.attempts.length)}>
      <div class="party-who">
        <span class="party-order">{order}</span>
        <Typed class="party-name" value={party.name} />
        {party.relation ? <Typed class="contact-relation" value={party.relation} /> : <span class="contact-relation">{t('order.elder')}</span>}
        {party.phone ? <CallLink phone={party.phone} testid="party-call" /> : <span class="record-none">{t('order.noPhone')}</span>}
        {isNext ? (
          <span class="next-mark" data-testid="next-mark">
            {t('order.next')}
          </span>
        ) : null}
      </div>
      {party.attempts.length > 0 ? (
        <ol class="attempts" data-testid="party-attempts">
          {party.attempts.map((attempt) => (
            <li key={attempt.callId} class={`attempt outcome-${attempt.outcome}`} data-outcome={attempt.outcome}>
              <span class="clock">{formatTime(attempt.at)}</span> <b>{outcomeLabel(attempt.outcome)}</b> <Typed class="person" value={operatorName(attempt.operator)} />
            </li>
          ))}
        </ol>
      ) : null}
      <div class="party-log" role="group" aria-label={t('order.log')}>
        {CALL_OUTCOMES.map((outcome) => (
          <button key={outcome} type="button" class={`small log-${outcome}`} data-testid={`log-${outcome}`} disabled={busy} onClick={() => onLog(party.party, outcome)}>
            {outcomeLabel(outcome)}
          </button>
        ))}
      </div>
    </li>
  );
}

export function CallingOrder({ alertId, refresh, onLogged }: { alertId: string; refresh: unknown; onLogged: () => void }) {
  const [logged, setLogged] = useState(0);
  const { busy, error, run } = usePhoneAction();
  const loaded = useLoad(alertId, (session) => getCallingOrder(session, alertId), `${String(refresh)}:${logged}`);

  const log = (party: string, outcome: CallOutcome) =>
    run(async () => {
      await withSession((session) => logCallAttempt(session, alertId, party, outcome));
      setLogged((n) => n + 1);
      onLogged();
    });

  if (loaded.state !== 'ok') return <LoadStatus loaded={loaded} />;
  const order = loaded.value;
  const answeredBy = order.answeredBy ? order.parties.find((p) => p.party === order.answeredBy) : null;
  return (
    <div class="calling-order" data-testid="calling-order" data-next={order.next ?? ''}>
      <p class={answeredBy ? 'order-state answered' : 'order-state'} data-testid="calling-order-state">
        {answeredBy ? t('order.answeredBy', { name: answeredBy.name }) : order.next === null ? t('order.allTried') : t('order.waiting')}
      </p>
      <ol class="parties">
        {order.parties.map((party, i) => (
          <PartyRow key={party.party} party={party} order={i + 1} isNext={party.party === order.next} busy={busy} onLog={(p, o) => void log(p, o)} />
        ))}
      </ol>
      <FormError error={error} />
    </div>
  );
}
