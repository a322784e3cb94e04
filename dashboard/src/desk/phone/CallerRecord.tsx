// The chosen elder as the operator on the phone needs them: the phone and risk, the contacts in calling order with
// tap-to-call links, the alerts still open for them (from the desk's own book, live) and their last calls.

import type { CallView, ElderLookupItem } from '../../../../schemas/index.js';
import { getElder, listCalls } from '../../shared/api.js';
import { formatDateTime, t } from '../../shared/i18n.js';
import { statusLabel, typeLabel } from '../../shared/labels.js';
import { CallLink, riskText } from '../../shared/ui/ElderRecord.js';
import { Typed } from '../../shared/ui/Typed.js';
import { actOn } from '../queue/alert-actions.js';
import { AlertAge } from '../queue/AlertAge.js';
import { LoadStatus } from '../detail/LoadStatus.js';
import { useLoad } from '../detail/use-load.js';
import { alerts, alertsRev } from '../state/desk-state.js';
import { categoryLabel, lineLabel } from './call-labels.js';

function OpenAlerts({ elderId }: { elderId: string }) {
  void alertsRev.value;
  const open = alerts.openSorted().filter((a) => a.elder.id === elderId);
  return (
    <section class="caller-part" data-testid="caller-alerts">
      <h4>{t('phone.openAlerts', { n: open.length })}</h4>
      {open.length === 0 ? (
        <p class="record-none">{t('phone.noOpenAlerts')}</p>
      ) : (
        <ul class="caller-alerts">
          {open.map((alert) => (
            <li key={alert.id} class={`caller-alert priority-${alert.priority}`}>
              <button type="button" class="small" data-testid="caller-alert" onClick={() => actOn('details', alert)}>
                <span class="priority">P{alert.priority}</span> {typeLabel(alert.type)} · {statusLabel(alert.status)} · <AlertAge since={alert.raisedAt} />
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function RecentCalls({ elderId }: { elderId: string }) {
  const calls = useLoad(`calls:${elderId}`, (session) => listCalls(session, { elderId, limit: 5 }));
  const items: CallView[] = calls.state === 'ok' && Array.isArray(calls.value?.items) ? calls.value.items : [];
  return (
    <section class="caller-part" data-testid="caller-calls">
      <h4>{t('phone.recentCalls')}</h4>
      <LoadStatus loaded={calls} />
      {calls.state === 'ok' && items.length === 0 ? <p class="record-none">{t('phone.noCalls')}</p> : null}
      <ul class="caller-calls">
        {items.map((call) => (
          <li key={call.id}>
            <span class="clock">{formatDateTime(call.startedAt)}</span> <b>{categoryLabel(call.category)}</b> <span class="muted">{lineLabel(call.line)}</span>
            {call.note ? <Typed class="note" value={call.note} /> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function CallerRecord({ item, onChange }: { item: ElderLookupItem; onChange: () => void }) {
  const record = useLoad(item.id, (session) => getElder(session, item.id));
  const elder = record.state === 'ok' ? record.value : null;
  const risk = elder ? riskText(elder) : null;
  return (
    <section class="caller" data-testid="caller-record" data-elder-id={item.id} aria-label={t('phone.caller')}>
      <div class="caller-who">
        <Typed class="caller-name" testid="caller-name" value={item.name} />
        {risk ? <span class="risk">{risk}</span> : null}
        <button type="button" class="small" data-testid="caller-change" onClick={onChange}>
          {t('phone.change')}
        </button>
      </div>
      <Typed class="caller-address" value={item.address} />
      {item.phone ? <CallLink phone={item.phone} testid="caller-phone" label={t('detail.phone')} /> : null}
      {elder ? (
        <section class="caller-part" data-testid="caller-contacts">
          <h4>{t('detail.contacts')}</h4>
          {elder.contacts.length === 0 ? (
            <p class="record-none">{t('detail.noContacts')}</p>
          ) : (
            <ol class="caller-contacts">
              {elder.contacts.map((contact, i) => (
                <li key={i}>
                  <Typed class="contact-name" value={contact.name} /> <Typed class="contact-relation" value={contact.relation} /> <CallLink phone={contact.phone} testid="caller-contact-call" />
                </li>
              ))}
            </ol>
          )}
        </section>
      ) : (
        <LoadStatus loaded={record} />
      )}
      <OpenAlerts elderId={item.id} />
      <RecentCalls elderId={item.id} />
    </section>
  );
}
