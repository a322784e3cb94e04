// The alarm: while any life-safety alert is unacknowledged, whatever the queue's filters show, the desk beeps
// (sound.ts repeats it) and the banner stays up. Counted over every open alert on purpose: a filter is a view, and
// a P1 outside it is still somebody on the floor.
// The operator's mute (sound.ts says the rule) silences the P1s open when it began; a P1 that comes up unacknowledged
// and was not among them is new, and lifts the mute here, before the alarm decides whether to beep.

import { computed, effect } from '@preact/signals';
import * as sound from '../../shared/sound.js';
import { alerts, alertsRev, showNotice, token } from '../state/desk-state.js';

export const unacknowledgedLifeSafety = computed(() => {
  void alertsRev.value;
  return token.value === null ? 0 : alerts.unacknowledgedLifeSafety();
});

/** The ids of every open P1 alert, acknowledged or not: a mute chosen now silences these. */
function openLifeSafetyIds(): string[] {
  return alerts.openSorted().filter((a) => a.priority === 1).map((a) => a.id);
}

/** The top bar's mute choice. */
export function muteAlarm(choice: sound.MuteChoice): void {
  sound.muteFor(choice, openLifeSafetyIds());
}

/** A new unacknowledged P1 lifts the mute, with a word on the notice line; true when it did. */
function liftMuteOnNewLifeSafety(): boolean {
  if (!sound.isMuted()) return false;
  const seen = sound.mutedAlertIds();
  const fresh = alerts.openSorted().find((a) => a.priority === 1 && a.status === 'raised' && !seen.has(a.id));
  if (!fresh) return false;
  sound.unmute();
  showNotice('sound.muteLifted', { alertType: fresh.type, name: fresh.elder.name });
  return true;
}

/** Starts the alarm's sound following unacknowledgedLifeSafety; returns the stop for the page's cleanup. */
export function driveAlarmSound(): () => void {
  const stop = effect(() => {
    const count = unacknowledgedLifeSafety.value;
    // every change of the book, not only of the count: one P1 acknowledged as a new one arrives leaves it as it was
    void alertsRev.value;
    // first the mute, so that a new P1's first beep is heard
    const lifted = count > 0 && liftMuteOnNewLifeSafety();
    const repeating = sound.soundState.peek().alarm;
    sound.setAlarm(count > 0);
    // the alarm was already repeating, silently, for the P1s seen: the new one is heard now, not at the next repeat
    if (lifted && repeating) sound.attention();
  });
  return () => {
    stop();
    sound.setAlarm(false);
  };
}
