// The top bar: the page's name, who is signed in, the gateway's pulse, the language and signing out.

import { t } from '../shared/i18n.js';
import { LangSwitch } from '../shared/ui/LangSwitch.js';
import { LogoutButton } from '../shared/ui/LogoutButton.js';
import { Typed } from '../shared/ui/Typed.js';
import { PulseIndicator } from './LinkStatus.js';
import { signOut } from './session-end.js';
import { me } from './state.js';

export function TopBar() {
  const who = me.value;
  return (
    <header class="topbar">
      <h1>{t('responder.title')}</h1>
      <div class="topbar-tools">
        {who ? <Typed class="me person" value={who.displayName} testid="me-label" /> : null}
        <PulseIndicator />
        <LangSwitch />
        {who ? (
          <LogoutButton onLogout={signOut} />
        ) : null}
      </div>
    </header>
  );
}
