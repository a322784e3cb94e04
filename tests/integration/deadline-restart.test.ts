import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it, onTestFinished } from 'vitest';
import { connectLive } from '../support/live-client.js';
import { connectDevice, eventually, registerElder } from '../support/mqtt-device.js';
import { startTestGateway } from '../support/test-gateway.js';

// Deadlines are data (docs/decisions/0005-deadlines-are-data.md): one armed before a stop and due while the gateway is down fires once
// after the restart; a second restart does not fire it again.

it('when a deadline falls due while the gateway is stopped, then it fires once after restart and never again', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'gateway-restart-'));
  onTestFinished(() => rmSync(dataDir, { recursive: true, force: true }));
  const config = { DEADLINE_TICK_MS: '50', DATA_DIR: dataDir };
  const first = await startTestGateway(config);
  let elderId: string;
  try {
    elderId = await registerElder(first, { thresholdOverrides: { doorIdleHours: 0.0004, daytimeStart: '00:00', daytimeEnd: '00:00' } });
    const door = await connectDevice(first, elderId, 'door_sensor');
    await door.send('events', 'door_open');
    await door.client.endAsync();
  } finally {
    await first.close();
  }
  await new Promise((r) => setTimeout(r, 1800)); // the door deadline (1.44 s) comes due while nothing runs

  const second = await startTestGateway(config);
  try {
    const live = await connectLive(second.httpUrl, second.adminToken);
    const alerts = await eventually(
      async () => (await second.api.listAlerts('all')).filter((a) => a.elder.id === elderId && a.type === 'door_inactive'),
      (list) => list.length > 0,
    );
    expect(alerts).toMatchObject([{ status: 'raised', count: 1 }]);
    live.close();
  } finally {
    await second.close();
  }

  const third = await startTestGateway(config);
  try {
    await new Promise((r) => setTimeout(r, 500));
    const alerts = (await third.api.listAlerts('all')).filter((a) => a.elder.id === elderId && a.type === 'door_inactive');
    expect(alerts).toMatchObject([{ count: 1 }]);
    const metrics = await (await fetch(`${third.httpUrl}/metrics`)).text();
    expect(metrics).not.toMatch(/gateway_deadlines_fired_total\{kind="door_idle"\} [1-9]/);
  } finally {
    await third.close();
  }
});
