// A past alert, read only, beside the history's results: what it was, whom it concerned, how it ended and every
// step of its timeline with who did it and what they noted (GET /alerts/:id). The queue's detail works open alerts;
// this one only tells what happened, so a closed alert long out of the live book reads the same as a recent one.

import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { AlertDetail, AlertView } from '../../../../schemas/index.js';
import { getAlert, errorMessage } from '../../shared/api.js';
import { known, lang, t } from '../../shared/i18n.js';
import { actorText, contextParts, statusLabel, typeLabel } from '../../shared/labels.js';
import { ListStatus } from '../../shared/ui/ListStatus.js';
import { Typed } from '../../shared/ui/Typed.js';
import { withSession } from '../phone/phone-request.js';
import { names, regions } from '../state/desk-state.js';
import { closedByText, dayAndTime, durationText, endedAt, regionNameOf } from './alert-facts.js';

type Loaded = { state: 'loading' } | { state: 'ok'; detail: AlertDetail } | { state: 'failed'; error: unknown };

function useAlertDetail(alertId: string): Loaded {
  const [loaded, setLoaded] = useState<{ id: string; result: Loaded }>({ id: alertId, result: { state: 'loading' } });
  useEffect(() => {
    let current = true;
    setLoaded({ id: alertId, result: { state: 'loading' } });
    withSession((session) => getAlert(session, alertId)).then(
      (detail) => current && setLoaded({ id: alertId, result: { state: 'ok', detail } }),
      (error: unknown) => current && setLoaded({ id: alertId, result: { state: 'failed', error } }),
    );
    return () => {
      current = false;
    };
  }, [alertId]);
  return loaded.id === alertId ? loaded.result : { state: 'loading' };
}

function Fact({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

function Facts({ alert }: { alert: AlertView }) {
  const reason = alert.resolutionReason ? known(`reason.${alert.resolutionReason}`) : null;
  const when = (iso: string | null) => dayAndTime(iso, lang.value);
  return (
    <dl class="history-facts">
      <Fact label={t('history.col.elder')}>
        <Typed class="elder-name" value={alert.elder.name} /> · <Typed value={regionNameOf(alert.elder.regionId, regions.value)} />
      </Fact>
      <Fact label={t('history.detail.address')}>
        <Typed value={alert.elder.address} />
      </Fact>
      <Fact label={t('history.detail.raised')}>{when(alert.raisedAt)}</Fact>
      {alert.acknowledgedAt ? (
        <Fact label={t('history.detail.acknowledged')}>
          {when(alert.acknowledgedAt)} · <Typed class="person" value={actorText(alert.acknowledgedBy, names.value)} />
        </Fact>
      ) : null}
      {alert.assignee ? (
        <Fact label={t('history.detail.assignee')}>
          <Typed class="person" value={alert.assignee.displayName} />
        </Fact>
      ) : null}
      {alert.holdReason ? (
        <Fact label={t('history.detail.hold')}>
          <Typed value={alert.holdReason} />
        </Fact>
      ) : null}
      {endedAt(alert) ? (
        <Fact label={t('history.detail.ended')}>
          {when(endedAt(alert))} · <Typed class="person" value={closedByText(alert, names.value)} /> · {durationText(alert)}
        </Fact>
      ) : null}
      {reason ? <Fact label={t('history.detail.outcome')}>{reason}</Fact> : null}
      {alert.resolutionNote ? (
        <Fact label={t('history.detail.note')}>
          <Typed class="note" value={alert.resolutionNote} />
        </Fact>
      ) : null}
    </dl>
  );
}

export function HistoryDetail({ alertId, onClose }: { alertId: string; onClose: () => void }) {
  const loaded = useAlertDetail(alertId);
  const detail = loaded.state === 'ok' ? loaded.detail : null;
  return (
    <aside class="history-detail" data-testid="history-detail" data-alert-id={alertId} aria-labelledby="history-detail-heading">
      <div class="history-detail-top">
        <h3 id="history-detail-heading">
          {detail ? (
            <>
              <span class={`prio prio-${detail.priority}`}>P{detail.priority}</span> {typeLabel(detail.type)}{' '}
              <span class={`status status-${detail.status}`} data-testid="history-detail-status">
                {statusLabel(detail.status)}
              </span>
            </>
          ) : (
            t('history.detail.heading')
          )}
        </h3>
        <button type="button" class="small" data-testid="history-detail-close" onClick={onClose}>
          {t('history.detail.close')}
        </button>
      </div>
      <ListStatus failed={loaded.state === 'failed' ? errorMessage(loaded.error) : null} loading={loaded.state === 'loading'} empty={null} />
      {detail ? (
        <>
          {contextParts(detail).length > 0 ? <p class="history-context">{contextParts(detail).join(' · ')}</p> : null}
          <Facts alert={detail} />
          <h4>{t('history.detail.timeline')}</h4>
          <ol class="history-timeline" data-testid="history-timeline">
            {detail.timeline.map((entry, i) => (
              <li key={i} data-action={entry.action}>
                <span class="clock">{dayAndTime(entry.at, lang.value)}</span>
                <span class="tl-action">{known(`tl.${entry.action}`) ?? ''}</span>
                <Typed class="person" value={actorText(entry.actor, names.value)} />
                {entry.note ? <Typed class="note" value={entry.note} /> : null}
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </aside>
  );
}
