// The duty desk: the login form, or the desk itself on a 1920×1080 screen — the top bar, the banners, the shift's
// KPI strip, the views as tabs (the alarm queue, the status wall, the task board, the call log, the complaints, the
// history search, the handover, the reports, the refused messages) and the incoming-call panel beside them (F2). The alarm, the banners and the page title follow
// every open alert whatever view is on screen.

import { useEffect } from 'preact/hooks';
import { t } from '../shared/i18n.js';
import * as sound from '../shared/sound.js';
import { AlertDialogs } from './alert-dialogs/AlertDialogs.js';
import { driveAlarmSound } from './banners/alarm.js';
import { Banners } from './banners/Banners.js';
import { usePageTitle } from './banners/use-page-title.js';
import { DeskTabs } from './header/DeskTabs.js';
import { followHash, tab, type DeskTab } from './header/tab-choice.js';
import { TopBar } from './header/TopBar.js';
import { KpiBar } from './kpi/KpiBar.js';
import { LoginForm } from './LoginForm.js';
import { AlarmQueue } from './queue/AlarmQueue.js';
import { resumeSession, screen } from './session.js';
import { now } from './state/desk-state.js';
import { phonePanelShown } from './state/phone-state.js';
import { DeadLetters } from './letters/DeadLetters.js';
import { TasksBoard } from './tasks/TasksBoard.js';
import { StatusWall } from './wall/StatusWall.js';
import { CallLog } from './calls/CallLog.js';
import { ComplaintList } from './complaints/ComplaintList.js';
import { PhonePanel } from './phone/PhonePanel.js';
import { HistoryView } from './history/HistoryView.js';
import { HandoverView } from './handover/HandoverView.js';
import { ReportsView } from './reports/ReportsView.js';
import { VisitsView } from './visits/VisitsView.js';
import { RegistryView } from './registry/RegistryView.js';
import { DevicesView } from './devices/DevicesView.js';
import { usePhoneKey } from './phone/use-phone-key.js';

function View({ tab: current }: { tab: DeskTab }) {
  switch (current) {
    case 'queue':
      return <AlarmQueue />;
    case 'wall':
      return <StatusWall />;
    case 'tasks':
      return <TasksBoard />;
    case 'calls':
      return <CallLog />;
    case 'complaints':
      return <ComplaintList />;
    case 'history':
      return <HistoryView />;
    case 'handover':
      return <HandoverView />;
    case 'reports':
      return <ReportsView />;
    case 'visits':
      return <VisitsView />;
    case 'elders':
      return <RegistryView />;
    case 'devices':
      return <DevicesView />;
    case 'letters':
      return <DeadLetters />;
  }
}

function Desk() {
  usePhoneKey();
  const current = tab.value;
  // the incoming-call panel docks beside the views, so the queue stays in sight during a call
  return (
    <div class={phonePanelShown.value ? 'desk-area with-phone' : 'desk-area'}>
      <div class="desk-views">
        <KpiBar />
        <DeskTabs />
        <main id="desk-panel" class={`desk desk-${current}`} role="tabpanel" aria-labelledby={`tab-${current}`}>
          <View tab={current} />
        </main>
      </div>
      <PhonePanel />
      <AlertDialogs />
    </div>
  );
}

export function DeskApp() {
  usePageTitle();

  useEffect(() => {
    // ages, countdowns, the stale check and flashes read `now`
    const ticker = setInterval(() => (now.value = Date.now()), 1000);
    // any click or key may unlock the sound, when the session was restored from this tab without a login click.
    // On the click, not the pointerdown: unlocking hides the enable-sound strip and moves the page up, and done on
    // the pointerdown it moved the button from under the pointer before the click could land on it.
    const unlock = () => sound.unlock();
    document.addEventListener('click', unlock, true);
    document.addEventListener('keydown', unlock, true);
    const stopAlarm = driveAlarmSound();
    const stopHash = followHash();
    resumeSession();
    return () => {
      clearInterval(ticker);
      document.removeEventListener('click', unlock, true);
      document.removeEventListener('keydown', unlock, true);
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
