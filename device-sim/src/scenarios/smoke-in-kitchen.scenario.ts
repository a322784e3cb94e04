import { defineScenario } from './scenario-run.js';

// The kitchen smoke detector alarms, then reports the all-clear. Smoke is P1: the gateway never closes it because
// a detector went quiet (that does not prove the fire is out); the clear is only noted on the alert's timeline.

export const smokeInKitchen = defineScenario(
  'smoke-in-kitchen',
  'the kitchen smoke detector alarms, then clears: smoke (P1) raised and left open for a person, the clear noted',
  async (run) => {
    await run.registerElder({ riskCategory: 'empty_nest' });
    const detector = await run.addDevice('smoke_detector', 'smoke', { room: 'kitchen' });
    await detector.testSignal(88);
    run.step('test signal sent');
    await run.pause(1_000, 30_000);

    await detector.smoke();
    run.step('smoke in the kitchen');
    await run.pause(3_000, 120_000);

    await detector.clear();
    run.step('the detector reports clear');

    return {
      alerts: [{ type: 'smoke', priority: 1, deviceId: detector.deviceId, status: 'raised', withinMs: 0 }],
      tasks: [],
      devices: [],
    };
  },
);
