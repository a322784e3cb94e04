// The duty desk: the login form, or the desk itself on a 1920×1080 screen — the top bar, the banners, the shift's
// KPI strip, and three views as tabs (the alarm queue, the status wall, the task board). The alarm, the banners and
// the page title follow every open alert whatever view is on screen.

import { useEffect } from 'preact/hooks';
import { t } from '../shared/i18n.js';
import * as sound from '../shared/sound.js';
import { AlertDialogs } from './alert-dialogs/AlertDialogs.js';
import { driveAlarmSound } from './banners/alarm.js';
import { Banners } from './banners/Banners.js';
import { usePageTitle } from './banners/use-page-title.js';
import { DeskTabs } from './header/DeskTabs.js';
import { followHash, tab } from './header/tab-choice.js';
import { TopBar } from './header/TopBar.js';
import { KpiBar } from './kpi/KpiBar.js';
import { LoginForm } from './LoginForm.js';
import { AlarmQueue } from './queue/AlarmQueue.js';
import { resumeSession, screen } from './session.js';
import { now } from './state/desk-state.js';
import { DeadLetters } from './letters/DeadLetters.js';
import { TasksBoard } from './tasks/TasksBoard.js';
import { StatusWall } from './wall/StatusWall.js';

function Desk() {
  const current = tab.value;
  return (
    <>
      <KpiBar />
      <DeskTabs />
      <main id="desk-panel" class={`desk desk-${current}`} role="tabpanel" aria-labelledby={`tab-${current}`}>
        {current === 'queue' ? <AlarmQueue /> : current === 'wall' ? <StatusWall /> : current === 'tasks' ? <TasksBoard /> : <DeadLetters />}
      </main>
      <AlertDialogs />
    </>
  );
}

export function DeskApp() {
  usePageTitle();

  useEffect(() => {
    // ages, countdowns, the stale check and flashes read `now`
    const ticker = setInterval(() => (now.value = Date.now()), 1000);
    // any click may unlock the sound, when the session was restored from this tab without a login click
    const unlock = () => sound.unlock();
    document.addEventListener('pointerdown', unlock);
    const stopAlarm = driveAlarmSound();
    const stopHash = followHash();
    resumeSession();
    return () => {
      clearInterval(ticker);
      document.removeEventListener('pointerdown', unlock);
      stopAlarm();
      stopHash();
    };
  }, []);

  return (
    <>
      <TopBar />
      <Banners />
      {screen.value === 'desk' ? <Desk /> : screen.value === 'login' ? <LoginForm /> : null}
      <footer class="page-footer">
        <a href="responder.html" data-testid="responder-link">
          {t('footer.responder')}
        </a>
      </footer>
    </>
  );
}
