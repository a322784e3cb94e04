// The prompt to enable sound: a browser plays sound only after a click on the page, so after a reload (the session
// restored from this tab, no login click) the desk cannot beep until somebody clicks. A wide strip under the alarm
// banner says so in large letters and is itself the button; any click on the page unlocks the sound too
// (DeskApp.tsx), and the strip goes once the sound runs. Shown whether or not a P1 is waiting: the next one must be
// heard. Not while muted without an alarm to play (the mute's end or a new P1 brings it back).

import { t } from '../../shared/i18n.js';
import { soundState, unlock } from '../../shared/sound.js';
import { screen } from '../session.js';
import '../../styles/sound.css';

export function EnableSoundPrompt() {
  const { supported, running, alarm, muted } = soundState.value;
  const shown = screen.value === 'desk' && supported && !running && !(muted && !alarm);
  return (
    <button type="button" class="sound-prompt" data-testid="sound-prompt" data-alarm={alarm ? 'on' : 'off'} hidden={!shown} onClick={unlock}>
      <span class="sound-prompt-action">{t('sound.enable')}</span>
      <span class="sound-prompt-why">{t('sound.enableWhy')}</span>
    </button>
  );
}
