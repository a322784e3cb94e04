import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFleet, provisionFleet, saveFleet } from '../../device-sim/src/load/fleet-provisioning.js';
import { runLoad, type LoadRunReport } from '../../device-sim/src/load/load-runner.js';
import type { FleetDevice, LoadProgress, SosPress } from '../../device-sim/src/load/load.types.js';
import type { WsEvent } from '../../schemas/index.js';
import { connectLive, type LiveClient } from '../support/live-client.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

// The simulator's load mode against a real gateway: a fleet registered over REST, worker processes holding one MQTT
// connection per device, the realistic steady mix at a fixed rate, and SOS presses the duty desk must see, each once.

const FLEET_SIZE = 60;

type AlertRaised = Extract<WsEvent, { type: 'alert.raised' }>;
const isAlertRaised = (e: WsEvent): e is AlertRaised => e.type === 'alert.raised';

async function rejectedMessages(httpUrl: string): Promise<number> {
  const text = await (await fetch(`${httpUrl}/metrics`)).text();
  // Labelled by reason; a counter nobody incremented has no sample lines at all.
  return text
    .split('\n')
    .filter((line) => line.startsWith('gateway_mqtt_messages_rejected_total'))
    .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
}

describe('load mode', () => {
  let gateway: TestGateway;
  let desk: LiveClient;
  let fleet: FleetDevice[];

  beforeAll(async () => {
    gateway = await startTestGateway();
    desk = await connectLive(gateway.httpUrl, gateway.adminToken);
    fleet = await provisionFleet({ httpUrl: gateway.httpUrl, username: gateway.adminUser, password: gateway.adminPassword, count: FLEET_SIZE });
  });
  afterAll(async () => {
    desk?.close();
    await gateway?.close();
  });

  it('when a fleet is provisioned, then it follows the default mix with 1 to 3 devices per elder', () => {
    const perKind = Object.fromEntries(['call_button', 'wearable', 'camera', 'smoke_detector', 'door_sensor', 'motion_sensor', 'bed_sensor']
      .map((kind) => [kind, fleet.filter((d) => d.kind === kind).length]));
    // Largest remainder over 60: 21, 18, then 4.8 → 5 for the three sensors, 3.6 → 3 smoke, 3 cameras.
    expect(perKind).toEqual({ call_button: 21, wearable: 18, camera: 3, smoke_detector: 3, door_sensor: 5, motion_sensor: 5, bed_sensor: 5 });
    const perElder = new Map<string, number>();
    for (const d of fleet) perElder.set(d.elderId, (perElder.get(d.elderId) ?? 0) + 1);
    expect(Math.min(...perElder.values())).toBeGreaterThanOrEqual(1);
    expect(Math.max(...perElder.values())).toBeLessThanOrEqual(3);
    expect(new Set(fleet.map((d) => d.id)).size).toBe(FLEET_SIZE);
  });

  it('when a fleet is saved and loaded again, then it is the same fleet with its secrets', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'load-fleet-'));
    try {
      await saveFleet(join(dir, 'fleet.json'), fleet);
      expect(await loadFleet(join(dir, 'fleet.json'))).toEqual(fleet);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('when the fleet runs 3 s at 200 msg/s with 5 SOS presses, then all connect, all is acked and only the 5 SOS alerts are raised', async () => {
    const progress: LoadProgress[] = [];
    const pressed: SosPress[] = [];
    const report: LoadRunReport = await runLoad({
      mqttUrl: gateway.mqttUrl,
      devices: fleet,
      workers: 2,
      rampSeconds: 2,
      durationSeconds: 3,
      rate: 200,
      qos: 1,
      sos: { count: 5 },
      onProgress: (p) => progress.push(p),
      onSos: (p) => pressed.push(p),
    });

    expect(report).toMatchObject({ devices: FLEET_SIZE, connected: FLEET_SIZE, connectFailures: 0, errors: 0, steadySeconds: 3 });
    expect(report.acked).toBe(report.sent);
    // 600 steady messages and 5 presses; the bucket starts empty, so a tick's worth may be missing at the edges.
    expect(report.sent).toBeGreaterThanOrEqual(580);
    expect(report.sent).toBeLessThanOrEqual(610);
    // The pacing is proved by the counts above (what was sent in the 3 steady seconds, every message acknowledged).
    // `ackedPerSecond` counts only acknowledgements that arrived inside the steady window, so it is a speed, and
    // speed is measured in bench/, not asserted here: on a loaded 2-core machine it read 177.7 once, acks arriving
    // just after the window. The report must still carry it, as a number the CLI prints.
    expect(report.ackedPerSecond).toBeGreaterThan(0);
    expect(report.ackedPerSecond).toBeLessThanOrEqual(report.acked / 3);
    expect(report.connectSeconds).toBeGreaterThan(1.5);
    expect(progress.map((p) => p.phase)).toEqual(expect.arrayContaining(['connecting', 'steady', 'done']));

    expect(report.sosPresses).toHaveLength(5);
    expect(pressed).toEqual(report.sosPresses);
    const pressedDevices = new Set(report.sosPresses.map((p) => p.deviceId));
    expect(pressedDevices.size).toBe(5);
    for (const press of report.sosPresses) {
      expect(press.ackedAt).toBeDefined();
      expect(press.ackedAt!).toBeGreaterThanOrEqual(press.sentAt);
    }
    const sosElders = new Set(fleet.filter((d) => pressedDevices.has(d.id)).map((d) => d.elderId));
    expect(sosElders.size).toBe(5);

    // Every message was valid for its kind and channel.
    expect(await rejectedMessages(gateway.httpUrl)).toBe(0);

    // The desk sees each press once, and nothing else: the steady traffic raises no alert.
    await desk.waitFor(() => desk.events.filter(isAlertRaised).length >= 5, 5_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const raised = desk.events.filter(isAlertRaised).map((e) => e.alert);
    expect(raised.map((a) => a.type)).toEqual(['sos', 'sos', 'sos', 'sos', 'sos']);
    expect(new Set(raised.map((a) => a.deviceId))).toEqual(pressedDevices);
    const open = await gateway.api.listAlerts('open');
    expect(open.map((a) => a.type).sort()).toEqual(['sos', 'sos', 'sos', 'sos', 'sos']);
  }, 30_000);
});
