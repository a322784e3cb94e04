import { DEADLINE_SLACK_MS, defineScenario } from './scenario-run.js';

// An elder with a watch walks out of the "home" geofence and keeps going: the watch reports geofence_exit (P2 at the
// desk once it has stayed outside for geofenceDebounceSeconds), then positions further and further from home, which
// the gateway records for the responder's search. Fast: geofenceDebounceSeconds is 1.

/** A made-up home in the county, WGS-84. */
const HOME = { lat: 28.2282, lon: 112.9388 };
/** About 110 m of latitude. */
const STEP_DEGREES = 0.001;

export const wandersOff = defineScenario(
  'wanders-off',
  'the watch leaves the home geofence and keeps moving away: geofence_exit (P2), positions recorded',
  async (run) => {
    const elder = await run.registerElder({ riskCategory: 'very_old' }, { geofenceDebounceSeconds: 1 });
    const watch = await run.addDevice('wearable', 'watch', { firstHeartbeat: 64 });
    await watch.worn();
    await watch.position(HOME.lat, HOME.lon, 8, { qos: 1 });
    run.step('at home');
    await run.pause(1_000, 60_000);

    await watch.geofenceExit('home');
    run.step('left the home geofence');
    for (let i = 1; i <= 5; i += 1) {
      await run.pause(700, 30_000);
      await watch.position(HOME.lat + i * STEP_DEGREES, HOME.lon + i * STEP_DEGREES * 0.6, 12 + i * 3, { qos: 1 });
      run.step(`position about ${Math.round(i * 125)} m from home`);
    }

    return {
      alerts: [
        { type: 'geofence_exit', priority: 2, deviceId: watch.deviceId, status: 'raised', withinMs: elder.thresholds.geofenceDebounceSeconds * 1000 + DEADLINE_SLACK_MS },
      ],
      tasks: [],
      devices: [],
    };
  },
);
