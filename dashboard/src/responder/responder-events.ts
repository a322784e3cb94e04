// What each live event changes on the responder page. The snapshot of each (re)connect is the whole truth about my
// open alerts and tasks; after it, changes in my community arrive one by one (the page filters them, see state.ts).

import { batch } from '@preact/signals';
import type { WsEvent } from '../../../schemas/index.js';
import { ensureElder } from './elder-records.js';
import { alerts, bumpAlerts, bumpPulse, bumpTasks, clockOffset, me, pulse, tasks } from './state.js';

export function applyLiveEvent(event: WsEvent, { replayed }: { replayed: boolean }): void {
  batch(() => {
    switch (event.type) {
      case 'snapshot':
        clockOffset.value = Date.parse(event.at) - Date.now() || 0;
        pulse.alive();
        alerts.replace(event.alerts);
        tasks.replace(event.tasks);
        bumpAlerts();
        bumpTasks();
        bumpPulse();
        return;
      case 'alert.raised':
      case 'alert.updated': {
        const mine = me.peek()?.id;
        const before = alerts.get(event.alert.id);
        if (replayed) alerts.applyReplayed(event.alert);
        else alerts.upsert(event.alert);
        // newly sent to me: read the record again, it may have changed since I last went there
        if (mine && event.alert.assignee?.id === mine && before?.assignee?.id !== mine) ensureElder(event.alert.elder.id, { fresh: true });
        bumpAlerts();
        return;
      }
      case 'task.created':
      case 'task.updated':
        tasks.upsert(event.task);
        bumpTasks();
        return;
      case 'heartbeat':
        pulse.beat(event);
        bumpPulse();
        return;
      default:
        // device status, escalations and the store's health are the desk's business
        return;
    }
  });
}
