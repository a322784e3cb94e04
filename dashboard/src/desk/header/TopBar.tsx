// The desk's top bar: the title, who is signed in, the gateway's pulse, the sound and its mute, the language and logout.
// Only the title and the language show before signing in.

import { t } from '../../shared/i18n.js';
import { Phrase, Typed } from '../../shared/ui/Typed.js';
import { screen, signOut } from '../session.js';
import { me } from '../state/desk-state.js';
import { HeartbeatIndicator } from './HeartbeatIndicator.js';
import { MuteControl } from './MuteControl.js';
import { PhoneButton } from '../phone/PhoneButton.js';
import { LangSwitch } from '../../shared/ui/LangSwitch.js';
import { LogoutButton } from '../../shared/ui/LogoutButton.js';

function MeLabel() {
  const who = me.value;
  if (!who) return null;
  return <Phrase class="me" testid="me-label" k="me.label" vars={{ name: <Typed class="person" value={who.displayName} />, role: t(`role.${who.role}`) }} />;
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
            <MuteControl />
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

