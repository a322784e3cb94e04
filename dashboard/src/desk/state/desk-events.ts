// Applies what the live link says to the desk's state. A snapshot is the whole truth about open alerts and tasks;
// events replayed after it may be older than it (alert-book.ts, task-book.ts decide).

import type { WsEvent } from '../../../../schemas/index.js';
import * as sound from '../../shared/sound.js';
import { wallBook } from './desk-wall.js';
import { announceCall, bumpComplaints } from './phone-state.js';
import { pressedAgainWhileHeld } from '../../model/alert-book.js';
import {
  alerts,
  bumpAlerts,
  bumpPulse,
  bumpTasks,
  clockOffset,
  flashUntil,
  pulse,
  showNotice,
  storeFailingSince,
  tasks,
} from './desk-state.js';

/** How long a row flashes after its alert escalated. */
const FLASH_MS = 10_000;

export function applyLiveEvent(event: WsEvent, { replayed }: { replayed: boolean }): void {
  switch (event.type) {
    case 'snapshot':
      if (event.at) clockOffset.value = Date.parse(event.at) - Date.now() || 0;
      // a failing store is told right after the snapshot; no word means it writes
      storeFailingSince.value = null;
      pulse.alive();
      bumpPulse();
      alerts.replace(Array.isArray(event.alerts) ? event.alerts : []);
      tasks.replace(Array.isArray(event.tasks) ? event.tasks : []);
      wallBook.snapshotTaken();
      bumpAlerts();
      bumpTasks();
      return;
    case 'alert.raised':
    case 'alert.updated': {
      const before = alerts.get(event.alert.id);
      // a replayed event may be older than the snapshot (alert-book.ts)
      const applied = replayed ? alerts.applyReplayed(event.alert) : alerts.upsert(event.alert);
      // P1 sounds until acknowledged (the alarm in the banner); a new P2 gets one double beep; P3 stays silent
      if (applied && !replayed && !before && event.alert.priority === 2 && event.alert.status === 'raised') sound.attention();
      if (applied && !replayed && pressedAgainWhileHeld(before, event.alert)) {
        sound.attention();
        showNotice('notice.pressedAgain', { alertType: event.alert.type, name: event.alert.elder.name });
      }
      bumpAlerts();
      // an alert's change may change a task card (the on-site visit of that alert)
      bumpTasks();
      return;
    }
    case 'alert.escalated':
      escalated(event.alertId, event.level === 2 ? 2 : 1, replayed);
      return;
    case 'task.created':
    case 'task.updated':
      // done and cancelled are final, so a replayed event cannot reopen a task (task-book.ts)
      if (tasks.upsert(event.task)) bumpTasks();
      return;
    case 'device.status':
      wallBook.applyDeviceStatus(event.device);
      return;
    case 'heartbeat':
      pulse.beat(event);
      bumpPulse();
      return;
    case 'store.status':
      storeFailingSince.value = event.failing ? event.since : null;
      return;
    case 'call.incoming':
      // a ringing call replayed after a reconnect has long been answered or given up: only a live one opens the panel
      if (replayed) return;
      sound.attention();
      announceCall({ number: event.call.callerNumber, line: event.call.line, matches: event.call.matches, externalId: event.call.externalId });
      return;
    case 'complaint.overdue':
      bumpComplaints();
      if (!replayed) showNotice('notice.complaintOverdue');
      return;
    default:
  }
}

/**
 * An alert nobody acknowledged in time. The row shows the level and flashes, the notice says so, and the desk beeps
 * once unless muted. An escalation does not lift the mute: it is a repeat of an alarm the operator has seen and chose
 * to silence for a while (lifting it after seconds was what made a mute useless). A mute always ends, and a NEW P1
 * lifts it at once (sound.ts has the rule, banners/alarm.ts applies it); the banner and the title stay up meanwhile.
 */
function escalated(alertId: string, level: 1 | 2, replayed: boolean): void {
  const alert = alerts.get(alertId);
  if (!alert) return;
  if ((alert.escalationLevel ?? 0) < level) alerts.upsert({ ...alert, escalationLevel: level });
  flashUntil.value = new Map(flashUntil.value).set(alert.id, Date.now() + FLASH_MS);
  bumpAlerts();
  if (replayed) return;
  sound.attention();
  // the type by its code: the notice is drawn again in the new language after a switch
  showNotice(`notice.escalated${level}`, { alertType: alert.type, name: alert.elder.name });
}
