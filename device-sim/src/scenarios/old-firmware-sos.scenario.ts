import { randomUUID } from 'node:crypto';
import { defineScenario } from './scenario-run.js';

// A call button on an old firmware dates its messages in seconds instead of milliseconds. Its SOS would fail the
// schema, but an authenticated device's life-safety message always raises its alarm (docs/device-protocol.md, 7.2):
// the desk sees the P1 dated by the gateway's clock with the defect on it, the raw message under the bad messages
// (异常消息), and the button gets a maintenance visit to have its firmware updated.

export const oldFirmwareSos = defineScenario(
  'old-firmware-sos',
  'a call button sends SOS with its time in seconds: the P1 is raised anyway with the defect shown, and the button gets a maintenance visit',
  async (run) => {
    await run.registerElder({ riskCategory: 'alone' });
    const button = await run.addDevice('call_button', 'button', { room: 'bedroom' });
    await run.pause(1_000, 10_000);

    const tsInSeconds = Math.floor(Date.now() / 1000);
    await button.publishRaw('events', JSON.stringify({ msgId: `fw-${randomUUID().slice(0, 8)}`, ts: tsInSeconds, type: 'sos' }));
    run.step(`SOS pressed; the firmware sent ts=${tsInSeconds} (seconds)`);

    return {
      alerts: [{ type: 'sos', priority: 1, deviceId: button.deviceId, status: 'raised', withinMs: 0 }],
      tasks: [{ kind: 'maintenance', reason: 'malformed_messages', deviceId: button.deviceId, status: 'open', withinMs: 0 }],
      devices: [],
    };
  },
);
