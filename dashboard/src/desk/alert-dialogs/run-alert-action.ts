// One REST action on one alert (acknowledge, resolve, dispatch…), at most one at a time per alert: its buttons are
// disabled meanwhile. The reply updates the queue only when the live link said nothing newer about the alert
// (alert-book.ts); a failure shows as the notice line, and a 401 ends the session.

import type { AlertView } from '../../../../schemas/index.js';
import { ApiError, errorMessage } from '../../shared/api.js';
import { endSession } from '../session.js';
import { addTo, alerts, bumpAlerts, pendingAlerts, removeFrom, showNotice, token } from '../state/desk-state.js';

export async function runAlertAction(alertId: string, call: (token: string) => Promise<AlertView>): Promise<void> {
  const sessionToken = token.value;
  if (!sessionToken || pendingAlerts.value.has(alertId)) return;
  pendingAlerts.value = addTo(pendingAlerts.value, alertId);
  const versionBefore = alerts.version(alertId);
  try {
    // the live event updates the queue as well; the reply only helps when the link is slow or down
    const reply = await call(sessionToken);
    if (token.value === sessionToken && alerts.applyReply(reply, versionBefore)) bumpAlerts();
  } catch (err) {
    if (token.value !== sessionToken) return;
    if (err instanceof ApiError && err.status === 401) {
      endSession('login.expired');
      return;
    }
    const [key, vars] = errorMessage(err, 'alert');
    showNotice(key, vars);
  } finally {
    pendingAlerts.value = removeFrom(pendingAlerts.value, alertId);
  }
}
