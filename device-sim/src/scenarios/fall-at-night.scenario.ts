import type { ExpectedAlert } from './scenario.js';
import { DEADLINE_SLACK_MS, defineScenario } from './scenario-run.js';

// At night the elder gets out of bed, falls on the way and does not get back: the watch's fall detector raises a
// P1 fall at once; the bed sensor's out-of-bed, with no return within bedReturnMinutes, adds a P2 bed_exit_night.
// Fast: the night window is moved around the current time and bedReturnMinutes is 3 s.

export const fallAtNight = defineScenario(
  'fall-at-night',
  'out of bed at night, a fall detected by the watch, not back in bed: fall (P1) at once, bed_exit_night (P2) later',
  async (run) => {
    const now = Date.now();
    const elder = await run.registerElder(
      { riskCategory: 'alone' },
      { nightStart: run.localClock(now, -60), nightEnd: run.localClock(now, 60), bedReturnMinutes: 0.05 },
    );
    const bed = await run.addDevice('bed_sensor', 'bed', { room: 'bedroom' });
    const watch = await run.addDevice('wearable', 'watch');

    await watch.worn();
    await bed.inBed();
    await bed.vitals({ heartRate: 62, breathingRate: 14 });
    run.step('asleep: in bed, heart 62, breathing 14');
    await run.pause(1_000, 60_000);

    await bed.outOfBed();
    run.step('out of bed');
    await run.pause(1_500, 90_000);

    await watch.fall(0.88);
    run.step('the watch detected a fall (confidence 0.88); nobody gets back in bed');

    const t = elder.thresholds;
    const alerts: ExpectedAlert[] = [{ type: 'fall', priority: 1, deviceId: watch.deviceId, status: 'raised', withinMs: 0 }];
    // Without fast thresholds the bed rule fires only if it really is night where the gateway is.
    if (run.isWithinLocalWindow(Date.now(), t.nightStart, t.nightEnd)) {
      alerts.push({
        type: 'bed_exit_night',
        priority: 2,
        deviceId: bed.deviceId,
        status: 'raised',
        withinMs: t.bedReturnMinutes * 60_000 + DEADLINE_SLACK_MS,
      });
    } else {
      run.step(`not night here (${t.nightStart}–${t.nightEnd}): no bed_exit_night expected`);
    }
    return { alerts, tasks: [], devices: [] };
  },
);
