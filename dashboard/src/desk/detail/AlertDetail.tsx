// The alert detail dialog: what happened and what was done, for one alert. The summary follows the alert live
// (the desk's book); the timeline, dispatch and notes come from GET /alerts/:id and are read again whenever a live
// event changes the alert; beside them the elder's record, the device that raised it and the elder's recent
// readings. A wide native modal <dialog>: Esc or the close button closes it, and the desk's shortcuts sleep
// meanwhile. Everything is drawn in the page's language and switches with it.

import { useState } from 'preact/hooks';
import { useModal } from '../../shared/ui/use-modal.js';
import type { ComponentChildren } from 'preact';
import { getAlert } from '../../shared/api.js';
import { t } from '../../shared/i18n.js';
import { alerts, alertsRev } from '../state/desk-state.js';
import { CallingOrder } from './CallingOrder.js';
import { DetailSummary } from './DetailSummary.js';
import { DeviceLine } from './DeviceLine.js';
import { DispatchNotes } from './DispatchNotes.js';
import { ElderRecord } from './ElderRecord.js';
import { LoadStatus } from './LoadStatus.js';
import { ReadingsCharts } from './ReadingsCharts.js';
import { Timeline } from './Timeline.js';
import { useLoad } from './use-load.js';
import '../../styles/detail.css';

function Part({ title, class: className, children }: { title: string; class: string; children: ComponentChildren }) {
  return (
    <section class={`detail-part ${className}`}>
      <h3 class="detail-heading">{title}</h3>
      {children}
    </section>
  );
}

export function AlertDetail({ alertId, onClose }: { alertId: string; onClose: () => void }) {
  const ref = useModal();
  void alertsRev.value; // draws again whenever the book changes: the summary follows the alert live
  const live = alerts.get(alertId);
  // a logged call attempt is a timeline entry that may come with no live event: the timeline reads again after it
  const [attemptsLogged, setAttemptsLogged] = useState(0);
  const detail = useLoad(alertId, (session) => getAlert(session, alertId), `${alerts.version(alertId)}:${attemptsLogged}`);
  // an alert closed long ago may no longer be in the book: the server's copy stands in
  const alert = live ?? (detail.state === 'ok' ? detail.value : null);

  return (
    <dialog ref={ref} class="form-dialog detail-dialog" data-testid="detail-dialog" data-alert-id={alertId} aria-labelledby="detail-heading" onClose={onClose}>
      <div class="dialog-top">
        <h2 id="detail-heading">{t('detail.heading')}</h2>
        <button type="button" data-role="dismiss" data-testid="detail-close" onClick={() => ref.current?.close()}>
          {t('detail.close')}
        </button>
      </div>
      {alert ? (
        <>
          <DetailSummary alert={alert} />
          <div class="detail-columns">
            <div class="detail-column">
              <Part title={t('order.heading')} class="detail-calling-part">
                <CallingOrder alertId={alertId} refresh={alerts.version(alertId)} onLogged={() => setAttemptsLogged((n) => n + 1)} />
              </Part>
              <Part title={t('detail.elder')} class="detail-elder">
                <ElderRecord elder={alert.elder} />
              </Part>
              <Part title={t('detail.dispatch')} class="detail-dispatch-part">
                <DispatchNotes alert={alert} detail={detail} />
              </Part>
            </div>
            <div class="detail-column">
              <Part title={t('detail.readings')} class="detail-readings-part">
                {alert.deviceId === null ? null : <DeviceLine deviceId={alert.deviceId} />}
                <ReadingsCharts elderId={alert.elder.id} />
              </Part>
              <Part title={t('detail.timeline')} class="detail-timeline-part">
                <Timeline detail={detail} />
              </Part>
            </div>
          </div>
        </>
      ) : (
        <LoadStatus loaded={detail} />
      )}
    </dialog>
  );
}
