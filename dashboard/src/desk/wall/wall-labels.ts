// What a home's state says in words and in a mark: the wall is never read by colour alone.

import { t } from '../../shared/i18n.js';
import { typeLabel } from '../../shared/labels.js';
import { lowestBattery, type HomeState, type HomeTile } from '../../model/wall-home.js';

/** A mark per state, drawn before its words (aria-hidden: the words say it). */
export const STATE_MARK: Record<HomeState | 'homes', string> = {
  homes: '▦',
  openAlert: '!',
  offline: '✕',
  lowBattery: '▼',
  online: '✓',
  noData: '?',
};

export const stateLabel = (state: HomeState | 'homes') => t(`wall.state.${state}`);

/** The home's worst problem (its top state), in a few words. */
export function problemText(home: HomeTile): string {
  switch (home.state) {
    case 'openAlert':
      return home.alert ? t('wall.problem.openAlert', { priority: home.alert.priority, type: typeLabel(home.alert.type) }) : stateLabel('openAlert');
    // offline or low by an open alert only (what the devices said since may not be known yet): the state's name
    case 'offline':
      return home.offline > 0 ? t('wall.problem.offline', { n: home.offline, total: home.devices.length }) : stateLabel('offline');
    case 'lowBattery': {
      const lowest = home.low > 0 ? lowestBattery(home) : null;
      return lowest === null ? stateLabel('lowBattery') : t('wall.problem.lowBattery', { pct: Math.round(lowest) });
    }
    case 'online':
      return t('wall.problem.online');
    case 'noData':
      return t('wall.problem.noData');
  }
}
