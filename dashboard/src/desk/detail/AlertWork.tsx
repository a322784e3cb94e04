// Everything about one alert and everything the desk can do with it, for the queue's side pane and the detail
// dialog other views open: the summary (type, priority, status, age, the elder), the action bar, the note box, and
// the parts — whom to call in order with the outcomes, the timeline with the notes inline, the elder's record, the
// device and the readings (folded away until asked for). The summary follows the alert live (the desk's book); the
// timeline comes from GET /alerts/:id and is read again whenever a live event changes the alert or a note or a call
// attempt was logged. An alert closed long ago may no longer be in the book: the server's copy stands in.

import { useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { getAlert } from '../../shared/api.js';
import { t } from '../../shared/i18n.js';
import { Typed } from '../../shared/ui/Typed.js';
import { isOpen } from '../../model/alert-book.js';
import { PaneActions } from '../queue/RowActions.js';
import { DeviceWarnings } from '../queue/DeviceWarnings.js';
import { alerts, alertsRev } from '../state/desk-state.js';
import { CallingOrder } from './CallingOrder.js';
import { DetailSummary } from './DetailSummary.js';
import { DeviceLine } from './DeviceLine.js';
import { AlertDeviceCommands } from '../devices/quick/AlertDeviceCommands.js';
import { ElderRecord } from './ElderRecord.js';
import { LoadStatus } from './LoadStatus.js';
import { NoteBox } from './NoteBox.js';
import { ReadingsCharts } from './ReadingsCharts.js';
import { Timeline } from './Timeline.js';
import { useLoad } from './use-load.js';
import '../../styles/detail.css';

/** A part that folds: open by default unless said otherwise; the browser keeps it as the operator left it. */
function Part({ title, class: className, open = true, children }: { title: string; class: string; open?: boolean; children: ComponentChildren }) {
  return (
    <details class={`detail-part ${className}`} open={open}>
      <summary class="detail-heading">{title}</summary>
      {children}
    </details>
  );
}

export function AlertWork({ alertId }: { alertId: string }) {
  void alertsRev.value; // draws again whenever the book changes: the summary follows the alert live
  const live = alerts.get(alertId);
  // a logged call attempt or a note is a timeline entry whose live event may come later: the timeline reads again
  const [logged, setLogged] = useState(0);
  const detail = useLoad(alertId, (session) => getAlert(session, alertId), `${alerts.version(alertId)}:${logged}`);
  const alert = live ?? (detail.state === 'ok' ? detail.value : null);
  if (!alert) return <LoadStatus loaded={detail} />;
  const closed = !isOpen(alert);

  return (
    <div class={closed ? 'alert-work is-closed' : 'alert-work'} data-testid="alert-work" data-alert-id={alertId} data-status={alert.status}>
      <div class="work-head">
        <DetailSummary alert={alert} />
        <p class="pane-who">
          <Typed class="elder-name" value={alert.elder.name} testid="pane-elder-name" />
          <Typed class="elder-address" value={alert.elder.address} />
          <DeviceWarnings alert={alert} />
        </p>
        {closed ? (
          <p class="pane-closed" data-testid="pane-closed" role="status">
            {t('qpane.closed')}
          </p>
        ) : (
          <PaneActions alert={alert} />
        )}
      </div>
      {/* placed by detail.css: two columns in a wide dialog, one in the queue's pane */}
      <div class="work-parts">
        <Part title={t('qpane.calls')} class="part-calls detail-calling-part" open={!closed}>
          <CallingOrder alertId={alertId} refresh={alerts.version(alertId)} onLogged={() => setLogged((n) => n + 1)} />
        </Part>
        <div class="part-notes">
          <NoteBox alertId={alertId} onAdded={() => setLogged((n) => n + 1)} />
        </div>
        <Part title={t('qpane.timeline')} class="part-timeline detail-timeline-part">
          <Timeline detail={detail} />
        </Part>
        <Part title={t('qpane.elder')} class="part-elder detail-elder">
          <ElderRecord elder={alert.elder} />
        </Part>
        <Part title={t('qpane.device')} class="part-device detail-readings-part">
          {alert.deviceId === null ? null : <DeviceLine deviceId={alert.deviceId} />}
          {alert.deviceId === null ? null : <AlertDeviceCommands deviceId={alert.deviceId} alertId={alertId} closed={closed} />}
          <ReadingsCharts elderId={alert.elder.id} />
        </Part>
      </div>
    </div>
  );
}
