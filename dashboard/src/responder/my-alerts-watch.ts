// What a new dispatch sets off on the phone: a double beep and a buzz, once per alert, and the elder's record
// fetched so the card has whom to call and how to get in before the responder asks.

import { effect } from '@preact/signals';
import { attention } from '../shared/sound.js';
import { alertStage } from './alert-stage.js';
import { ensureElder } from './elder-records.js';
import { me, myAlerts } from './state.js';

/** Starts watching my list; returns the function that stops it. */
export function watchMyAlerts(): () => void {
  const announced = new Set<string>();
  return effect(() => {
    if (!me.value) {
      announced.clear();
      return;
    }
    for (const alert of myAlerts.value) {
      ensureElder(alert.elder.id);
      if (alertStage(alert) !== 'offered' || announced.has(alert.id)) continue;
      announced.add(alert.id);
      attention();
      navigator.vibrate?.([300, 120, 300]);
    }
  });
}
