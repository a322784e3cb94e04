import { DEADLINE_SLACK_MS, defineScenario } from './scenario-run.js';

// A call button's battery runs down: heartbeats report 40, 15, then 5 %, and the button goes silent without a
// DISCONNECT (the broker publishes its last will). The desk sees low_battery (P3) with a maintenance visit, then
// device_offline (P3) once the gateway's offline grace has passed; one visit covers both.

export const batteryDies = defineScenario(
  'battery-dies',
  'a call button reports 40 → 15 → 5 % and drops off: low_battery (P3) and a maintenance task, then device_offline (P3)',
  async (run) => {
    await run.registerElder({ riskCategory: 'hardship' });
    // No reconnect: a flat battery does not come back.
    const button = await run.addDevice('call_button', 'button', { room: 'bedroom', firstHeartbeat: false, reconnectPeriod: 0 });

    for (const battery of [40, 15, 5]) {
      await button.heartbeat(battery);
      run.step(`heartbeat, battery ${battery} %`);
      await run.pause(1_000, 60_000);
    }
    button.dropConnection();
    run.step(`the battery died: connection dropped without DISCONNECT; offline after the gateway's grace (${run.offlineGraceMs / 1000} s)`);

    const offlineWithinMs = run.offlineGraceMs + DEADLINE_SLACK_MS;
    return {
      alerts: [
        { type: 'low_battery', priority: 3, deviceId: button.deviceId, status: 'raised', withinMs: 0 },
        { type: 'device_offline', priority: 3, deviceId: button.deviceId, status: 'raised', withinMs: offlineWithinMs },
      ],
      tasks: [{ kind: 'maintenance', reason: 'low_battery', deviceId: button.deviceId, status: 'open', withinMs: 0 }],
      devices: [{ deviceId: button.deviceId, online: false, battery: 5, withinMs: offlineWithinMs }],
    };
  },
);
