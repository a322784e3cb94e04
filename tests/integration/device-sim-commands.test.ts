import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { DeviceCommandView, deviceCommandListReplySchema } from '../../schemas/index.js';
import { CallButton } from '../../device-sim/src/call-button.js';
import type { HandledCommand } from '../../device-sim/src/command-handler.js';
import { Wearable } from '../../device-sim/src/devices/wearable.js';
import { eventually, registerElder } from '../support/mqtt-device.js';
import { useSimulatedDevices, type SimDeviceLogin } from '../support/simulated-devices.js';

// The simulator's devices answer the desk's commands as docs/device-protocol.md (section 2.2) asks: `received` at
// once, then `done` with what the command produced. Real gateway, real MQTT, the commands made over REST.

type DeviceCommandListReply = z.infer<typeof deviceCommandListReplySchema>;

const sim = useSimulatedDevices();
const HOME = { lat: 30.6051, lon: 114.2932 };

async function simulated<D extends CallButton | Wearable>(
  make: (o: SimDeviceLogin & { homePosition: typeof HOME; onCommand: (h: HandledCommand) => void }) => D,
  kind: 'call_button' | 'wearable',
  lines: string[],
): Promise<D> {
  return sim.open(await registerElder(sim.gw), kind, (login) => make({ ...login, homePosition: HOME, onCommand: (h) => lines.push(h.line) }));
}

async function command(deviceId: string, body: Record<string, unknown>): Promise<DeviceCommandView> {
  const reply = await sim.gw.api.request<DeviceCommandView>('POST', `/api/v1/devices/${deviceId}/commands`, body);
  expect(reply.status).toBe(201);
  return reply.body;
}

async function finished(deviceId: string, id: string): Promise<DeviceCommandView> {
  const list = await eventually(
    async () => (await sim.gw.api.request<DeviceCommandListReply>('GET', `/api/v1/devices/${deviceId}/commands`)).body.items,
    (items) => items.some((c) => c.id === id && (c.status === 'done' || c.status === 'failed')),
  );
  return list.find((c) => c.id === id)!;
}

describe('simulated devices answer commands', () => {
  it('when the desk asks a simulated watch to locate, then the command is done with a position a few metres from home', async () => {
    const lines: string[] = [];
    const watch = await simulated((o) => new Wearable(o), 'wearable', lines);
    const sent = await command(watch.deviceId, { type: 'locate' });
    const done = await finished(watch.deviceId, sent.id);
    expect(done.status).toBe('done');
    const position = done.resultData as { lat: number; lon: number; accuracyM: number };
    // 1e-4 degrees is about 11 m.
    expect(Math.abs(position.lat - HOME.lat)).toBeLessThan(1e-4);
    expect(Math.abs(position.lon - HOME.lon)).toBeLessThan(1e-4);
    expect(position.accuracyM).toBeGreaterThan(0);
    expect(lines.some((l) => l.startsWith(`[${watch.deviceId}] 📍 located`))).toBe(true);
  });

  it('when the desk sends a button a message to play and new intervals, then it says the text, keeps the intervals and both are done', async () => {
    const lines: string[] = [];
    const button = await simulated((o) => new CallButton(o), 'call_button', lines);
    const play = await command(button.deviceId, { type: 'play_message', text: '社区医生下午三点上门' });
    const intervals = await command(button.deviceId, { type: 'set_intervals', heartbeatSeconds: 300 });
    expect((await finished(button.deviceId, play.id)).status).toBe('done');
    expect((await finished(button.deviceId, intervals.id)).status).toBe('done');
    expect(lines).toContain(`[${button.deviceId}] 🔊 社区医生下午三点上门`);
    expect(button.intervals.heartbeatSeconds).toBe(300);
  });

  it('when the same command message is delivered twice, then the device carries it out once', async () => {
    const button = await simulated((o) => new CallButton(o), 'call_button', []);
    const payload = JSON.stringify({ msgId: 'cmd-1', ts: Date.now(), type: 'play_message', commandId: 'cmd-1', expiresAt: Date.now() + 60_000, text: '你好' });
    expect(await button.commands.receive(payload)).not.toBeNull();
    expect(await button.commands.receive(payload)).toBeNull();
    expect(button.commands.handled).toHaveLength(1);
  });

  it('when a simulated device sends its heartbeat, then it carries its firmware and model', async () => {
    const watch = await simulated((o) => new Wearable(o), 'wearable', []);
    await watch.heartbeat(80);
    const device = await eventually(
      () => sim.gw.api.getDevice(watch.deviceId),
      (d) => d.firmware !== null,
    );
    expect(device).toMatchObject({ firmware: 'wt-5.0.8', model: 'SIM-W5' });
  });
});
