import { describe, expect, it } from 'vitest';
import { ALERT_STATUSES } from '../../../schemas/index.js';
import { note } from '../../../gateway/src/core/alerts/alert-lifecycle.js';
import { T0 } from '../../support/elder-state.js';
import { careAlert, DESK, MINUTE } from './care-world.js';

// A free note on an alert's timeline (POST /alerts/:id/notes): in every status, open or closed, the alert stays as it
// is and one 'noted' entry says who wrote what, guarded by the status the alert was read in.

describe('alert note', () => {
  it.each(ALERT_STATUSES.map((status) => [status]))('when a note is added to a %s alert, then the alert is unchanged and the entry is noted by the person', (status) => {
    const alert = careAlert({ status });
    const result = note(alert, DESK, T0 + MINUTE, '家属回电：已到家');
    expect(result).toEqual({
      ok: true,
      decisions: [
        {
          kind: 'update',
          alert,
          previousStatus: status,
          entry: { alertId: alert.id, at: T0 + MINUTE, action: 'noted', actor: DESK, note: '家属回电：已到家' },
        },
      ],
    });
  });
});
