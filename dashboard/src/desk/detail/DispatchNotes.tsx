// Who was sent and how far they got, and every note typed on the alert's actions (acknowledge, hold, decline,
// resolve, false alarm), gathered from the timeline so the desk reads them in one place.

import type { AlertDetail } from '../../../../schemas/index.js';
import { formatClock, t } from '../../shared/i18n.js';
import { alerts } from '../state/desk-state.js';
import type { Alert } from '../../model/alert-book.js';
import { AssigneeLine } from '../../shared/ui/alert-marks.js';
import { LoadStatus } from './LoadStatus.js';
import { EntryLine } from './Timeline.js';
import type { Loaded } from './use-load.js';

function Dispatch({ alert }: { alert: Alert }) {
  const assignee = alerts.assigneeOf(alert);
  if (!assignee) return <p class="record-none">{t('detail.notDispatched')}</p>;
  return (
    <p class="detail-assigned">
      <AssigneeLine alert={alert} assignee={assignee} testid="detail-assignee" />
      {alert.assignedAt ? <span class="clock">{t('detail.dispatchedAt', { time: formatClock(alert.assignedAt) })}</span> : null}
    </p>
  );
}

function Notes({ detail }: { detail: Loaded<AlertDetail> }) {
  if (detail.state !== 'ok') return <LoadStatus loaded={detail} />;
  const noted = detail.value.timeline.filter((entry) => entry.note);
  if (noted.length === 0) return <p class="record-none">{t('detail.noNotes')}</p>;
  return (
    <ul class="detail-notes">
      {noted.map((entry, i) => (
        <li key={i} class="detail-note" data-testid="detail-note" data-action={entry.action}>
          <EntryLine entry={entry} />
        </li>
      ))}
    </ul>
  );
}

export function DispatchNotes({ alert, detail }: { alert: Alert; detail: Loaded<AlertDetail> }) {
  return (
    <div class="detail-dispatch" data-testid="detail-dispatch">
      <Dispatch alert={alert} />
      <h4 class="record-title">{t('detail.notes')}</h4>
      <Notes detail={detail} />
    </div>
  );
}
