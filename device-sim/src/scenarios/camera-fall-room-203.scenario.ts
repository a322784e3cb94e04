import { defineScenario } from './scenario-run.js';

// In room 203 of a care institution, the room camera's on-board analytics detect a fall by the bed, sure enough
// (0.93, above cameraMinConfidence) to alarm on its own: a P1 fall on the same desk as the homes' alarms.

export const cameraFallRoom203 = defineScenario(
  'camera-fall-room-203',
  'an institution camera in room 203 detects a fall (confidence 0.93): fall (P1) with the room and snapshot reference',
  async (run) => {
    await run.registerElder({ riskCategory: 'disabled', institutionRoom: '203' });
    const camera = await run.addDevice('camera', 'cam203', { room: '203', firstHeartbeat: false });
    await camera.heartbeat(undefined, 'ipc-4.2.1');
    await run.pause(1_000, 30_000);

    const at = new Date().toISOString().replace(/[-:.]/g, '');
    await camera.detect('fall', { room: '203', zone: 'bedside', confidence: 0.93, snapshotRef: `nvr-01/ch03/${at}.jpg` });
    run.step('fall detected by the bed in room 203 (confidence 0.93)');

    return {
      alerts: [{ type: 'fall', priority: 1, deviceId: camera.deviceId, status: 'raised', withinMs: 0 }],
      tasks: [],
      devices: [],
    };
  },
);
