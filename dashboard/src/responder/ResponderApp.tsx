// The responder's phone page: sign in, then the alerts dispatched to me (accept, decline, on site, resolve with a
// reason), my tasks (accept, decline, done with an outcome) and the open tasks of my community (take one), live
// over the same websocket as the desk, with reconnect, snapshot and the stale banner. Built for a 390 px phone.

import { useSignalEffect } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { t } from '../shared/i18n.js';
import { unlock } from '../shared/sound.js';
import { LiveBanner, StaleBanner } from './LinkStatus.js';
import { LoginForm } from './LoginForm.js';
import { watchMyAlerts } from './my-alerts-watch.js';
import { ResponderDialogs } from './ResponderDialogs.js';
import { resumeSession } from './session.js';
import { me, notice, now, token } from './state.js';
import { TopBar } from './TopBar.js';
import { WorkView } from './WorkView.js';

function Notice() {
  const current = notice.value;
  if (!current) return null;
  return (
    <div class="notice" data-testid="action-message" role="alert">
      {t(...current)}
    </div>
  );
}

function Main() {
  if (me.value) return <WorkView />;
  // a stored token is being checked (GET /me): neither the form nor an empty list would be true yet
  if (token.value) return <p class="checking">{t('login.busy')}</p>;
  return <LoginForm />;
}

export function ResponderApp() {
  useEffect(() => {
    const stopWatching = watchMyAlerts();
    // any tap lets the dispatch beep sound (browsers allow audio only after a gesture)
    const onPointer = () => unlock();
    document.addEventListener('pointerdown', onPointer);
    const ticker = setInterval(() => (now.value = Date.now()), 1000);
    resumeSession();
    return () => {
      stopWatching();
      document.removeEventListener('pointerdown', onPointer);
      clearInterval(ticker);
    };
  }, []);

  useSignalEffect(() => {
    document.title = t('responder.title');
  });

  return (
    <>
      <TopBar />
      <LiveBanner />
      <StaleBanner />
      <Notice />
      <main>
        <Main />
      </main>
      <footer class="page-footer">
        <a href="./" data-testid="desk-link">
          {t('footer.desk')}
        </a>
      </footer>
      <ResponderDialogs />
    </>
  );
}
