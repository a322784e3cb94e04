// The desk's top bar: the title, who is signed in, the gateway's pulse, the sound switch, the language and logout.
// Only the title and the language show before signing in.

import { t } from '../../shared/i18n.js';
import { setMuted, soundState } from '../../shared/sound.js';
import { Phrase, Typed } from '../../shared/ui/Typed.js';
import { screen, signOut } from '../session.js';
import { me } from '../state/desk-state.js';
import { HeartbeatIndicator } from './HeartbeatIndicator.js';
import { PhoneButton } from '../phone/PhoneButton.js';
import { LangSwitch } from '../../shared/ui/LangSwitch.js';
import { LogoutButton } from '../../shared/ui/LogoutButton.js';

function MeLabel() {
  const who = me.value;
  if (!who) return null;
  return <Phrase class="me" testid="me-label" k="me.label" vars={{ name: <Typed class="person" value={who.displayName} />, role: t(`role.${who.role}`) }} />;
}

function MuteToggle() {
  const { muted } = soundState.value;
  return (
    <button type="button" class="tool" data-testid="mute-toggle" aria-pressed={muted} onClick={() => setMuted(!muted)}>
      {t(muted ? 'sound.off' : 'sound.on')}
    </button>
  );
}

export function TopBar() {
  const signedIn = screen.value === 'desk';
  return (
    <header class="topbar">
      <h1>{t('app.title')}</h1>
      <div class="topbar-tools">
        {signedIn ? (
          <>
            <PhoneButton />
            <MeLabel />
            <HeartbeatIndicator />
            <MuteToggle />
          </>
        ) : null}
        <LangSwitch />
        {signedIn ? (
          <LogoutButton onLogout={signOut} />
        ) : null}
      </div>
    </header>
  );
}

