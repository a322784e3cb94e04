import { DEADLINE_SLACK_MS, defineScenario } from './scenario-run.js';

// The elder passes the living-room sensor, then the bathroom sensor, then nothing moves anywhere: after
// bathroomStayHours the gateway raises prolonged_stay (P2), a likely fall or faint in the bathroom.
// Fast: bathroomStayHours is 0.001 (3.6 s).

export const staysInBathroom = defineScenario(
  'stays-in-bathroom',
  'motion in the living room, then in the bathroom, then nothing: prolonged_stay (P2) after bathroomStayHours',
  async (run) => {
    const elder = await run.registerElder({ riskCategory: 'alone' }, { bathroomStayHours: 0.001 });
    const livingRoom = await run.addDevice('motion_sensor', 'pir-living', { room: 'living_room' });
    const bathroom = await run.addDevice('motion_sensor', 'pir-bath', { room: 'bathroom' });

    await livingRoom.motion();
    run.step('motion in the living room');
    await run.pause(1_000, 60_000);
    await bathroom.motion();
    run.step(`motion in the bathroom, then nothing (stay limit ${elder.thresholds.bathroomStayHours} h)`);

    return {
      alerts: [
        {
          type: 'prolonged_stay',
          priority: 2,
          deviceId: bathroom.deviceId,
          status: 'raised',
          withinMs: elder.thresholds.bathroomStayHours * 3_600_000 + DEADLINE_SLACK_MS,
        },
      ],
      tasks: [],
      devices: [],
    };
  },
);
