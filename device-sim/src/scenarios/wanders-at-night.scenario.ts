import type { ExpectedAlert } from './scenario.js';
import { DEADLINE_SLACK_MS, defineScenario } from './scenario-run.js';

// An elder with dementia gets out of bed at night, opens the entrance door and does not come back: the bed sensor's
// out-of-bed and the door contact's door_open start the night-wandering watch, and with no return within
// nightWanderingMinutes (5 for dementia) the desk gets a P1 night_wandering. Fast: the night window is moved around
// the current time, nightWanderingMinutes is 3 s and bedReturnMinutes long enough not to add a bed-exit alert.

export const wandersAtNight = defineScenario(
  'wanders-at-night',
  'an elder with dementia out of bed at night and out of the door, not back: night_wandering (P1)',
  async (run) => {
    const now = Date.now();
    const elder = await run.registerElder(
      { riskCategory: 'dementia' },
      { nightStart: run.localClock(now, -60), nightEnd: run.localClock(now, 60), nightWanderingMinutes: 0.05, bedReturnMinutes: 600 },
    );
    const bed = await run.addDevice('bed_sensor', 'bed', { room: 'bedroom' });
    const door = await run.addDevice('door_sensor', 'door', { room: 'entrance' });

    await bed.inBed();
    run.step('asleep: in bed');
    await run.pause(1_000, 60_000);

    await bed.outOfBed();
    run.step('out of bed');
    await run.pause(700, 30_000);

    await door.open();
    await door.closed();
    run.step('the entrance door opened and closed; nobody comes back');

    const t = elder.thresholds;
    const alerts: ExpectedAlert[] = [];
    // Without fast thresholds the rule fires only if it really is night where the gateway is.
    if (run.isWithinLocalWindow(Date.now(), t.nightStart, t.nightEnd)) {
      alerts.push({ type: 'night_wandering', priority: 1, deviceId: door.deviceId, status: 'raised', withinMs: t.nightWanderingMinutes * 60_000 + DEADLINE_SLACK_MS });
    } else {
      run.step(`not night here (${t.nightStart}–${t.nightEnd}): no night_wandering expected`);
    }
    return { alerts, tasks: [], devices: [] };
  },
);
