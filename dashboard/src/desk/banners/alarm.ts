// The alarm: while any life-safety alert is unacknowledged, whatever the queue's filters show, the desk beeps
// (sound.ts repeats it) and the banner stays up. Counted over every open alert on purpose: a filter is a view, and
// a P1 outside it is still somebody on the floor.

import { computed, effect } from '@preact/signals';
import * as sound from '../../shared/sound.js';
import { alerts, alertsRev, token } from '../state/desk-state.js';

export const unacknowledgedLifeSafety = computed(() => {
  void alertsRev.value;
  return token.value === null ? 0 : alerts.unacknowledgedLifeSafety();
});

/** Starts the alarm's sound following unacknowledgedLifeSafety; returns the stop for the page's cleanup. */
export function driveAlarmSound(): () => void {
  const stop = effect(() => sound.setAlarm(unacknowledgedLifeSafety.value > 0));
  return () => {
    stop();
    sound.setAlarm(false);
  };
}
