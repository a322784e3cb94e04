import { describe, expect, it } from 'vitest';
import { CallButton } from '../../device-sim/src/call-button.js';
import { Wearable } from '../../device-sim/src/devices/wearable.js';
import type { HeardFeedback } from '../../device-sim/src/feedback-display.js';
import { eventually, registerElder } from '../support/mqtt-device.js';
import { useSimulatedDevices, type SimDeviceLogin } from '../support/simulated-devices.js';

// The simulator's buttons and watches listen to the gateway's feedback on their alarm (docs/device-protocol.md,
// section 2.1) and show what a real unit would say and light; what they show is a field tests (and the demo's log) read.

const sim = useSimulatedDevices();

async function simulated<D extends CallButton | Wearable>(make: (o: SimDeviceLogin & { onFeedback: (h: HeardFeedback) => void }) => D, elderId: string, kind: 'call_button' | 'wearable', lines: string[]): Promise<D> {
  return sim.open(elderId, kind, (login) => make({ ...login, onFeedback: (h) => lines.push(h.line) }));
}

describe('simulated devices hear the feedback', () => {
  it('when a simulated button presses SOS and the desk acknowledges and resolves, then it says each step and its light follows', async () => {
    const elderId = await registerElder(sim.gw);
    const lines: string[] = [];
    const button = await simulated((o) => new CallButton(o), elderId, 'call_button', lines);
    await button.pressSos();
    await eventually(async () => button.feedback?.last?.feedback.type, (t) => t === 'alarm_received');
    expect(button.feedback!.last).toMatchObject({ says: '已收到呼叫，请稍候', light: 'steady' });
    expect(lines).toEqual([`[${button.deviceId}] 🔊 已收到呼叫，请稍候`]);

    const alert = (await sim.gw.api.listAlerts('open')).find((a) => a.deviceId === button.deviceId)!;
    await sim.gw.api.ack(alert.id);
    await eventually(async () => button.feedback?.last?.feedback.type, (t) => t === 'alarm_acknowledged');
    await sim.gw.api.resolve(alert.id, 'done');
    await eventually(async () => button.feedback?.last?.feedback.type, (t) => t === 'alarm_closed');
    expect(button.feedback!.heard.map((h) => [h.feedback.type, h.light])).toEqual([
      ['alarm_received', 'steady'],
      ['alarm_acknowledged', 'steady'],
      ['alarm_closed', 'off'],
    ]);
  });

  it('when a simulated watch raises SOS in test mode, then it says the answer as a test', async () => {
    const elderId = await registerElder(sim.gw);
    const watch = await simulated((o) => new Wearable(o), elderId, 'wearable', []);
    await sim.gw.api.setTestMode(watch.deviceId, 10);
    await watch.sos();
    await eventually(async () => watch.feedback?.last?.says, (s) => s === '测试：已收到呼叫，请稍候');
  });

  it('when the same feedback message is delivered twice, then the device shows it once', async () => {
    const elderId = await registerElder(sim.gw);
    const button = await simulated((o) => new CallButton(o), elderId, 'call_button', []);
    const payload = JSON.stringify({ msgId: 'alarm_received:a-1:1', ts: Date.now(), type: 'alarm_received', alertId: 'a-1', test: false, text: '已收到呼叫，请稍候' });
    expect(button.feedback!.receive(payload)).not.toBeNull();
    expect(button.feedback!.receive(payload)).toBeNull();
    expect(button.feedback!.receive('{"type":"reboot"}')).toBeNull();
    expect(button.feedback!.heard).toHaveLength(1);
  });
});
