// One REST action on one alert (acknowledge, resolve, dispatch…), run by the shared runner (shared/run-action.ts):
// one at a time per alert, the reply applied by version, a failure as the notice line, a 401 ends the session.

import type { AlertView } from '../../../../schemas/index.js';
import { runAction, type ActionPlace } from '../../shared/run-action.js';
import { endSession } from '../session.js';
import { alerts, bumpAlerts, pendingAlerts, showNotice, token } from '../state/desk-state.js';

const deskAlerts: ActionPlace<AlertView> = {
  kind: 'alert',
  token,
  pending: pendingAlerts,
  book: alerts,
  bump: bumpAlerts,
  showNotice: ([key, vars]) => showNotice(key, vars),
  endSession,
};

export const runAlertAction = (alertId: string, call: (token: string) => Promise<AlertView>) => runAction(deskAlerts, alertId, call);
