// What the alarm is doing, for tests and diagnostics, where the screen cannot show it: the browser may keep the
// AudioContext suspended (no user gesture yet, a headless test), so beeps counts the beeps tried while not muted.

import { soundState } from '../../shared/sound.js';

export function SoundState() {
  const { alarm, beeps, muted, muteKind, blocked, running } = soundState.value;
  return (
    <span
      hidden
      data-testid="sound-state"
      data-alarm={alarm ? 'on' : 'off'}
      data-beeps={String(beeps)}
      data-muted={String(muted)}
      data-mute-kind={muteKind ?? ''}
      data-blocked={String(blocked)}
      data-running={String(running)}
    />
  );
}
