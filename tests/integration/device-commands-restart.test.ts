import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DeviceCommandView } from '../../schemas/index.js';
import { eventually, registerElder } from '../support/mqtt-device.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

// A command's deadline is stored (issue 22): a gateway stopped before the deadline and started after it still expires
// the command, from the same SQLite file, and a command made before the stop is still there, queued, for its device.

const dataDir = mkdtempSync(join(tmpdir(), 'gateway-commands-restart-'));
const running: TestGateway[] = [];
afterAll(async () => {
  await Promise.allSettled(running.map((g) => g.close()));
  rmSync(dataDir, { recursive: true, force: true });
});

const TTL_SECONDS = 4;

describe('command deadlines across a restart', () => {
  it('when the gateway is stopped before a command’s deadline and started after it, then the command is expired; a longer one still waits', { timeout: 60_000 }, async () => {
    const first = await startTestGateway({ DATA_DIR: dataDir });
    running.push(first);
    const device = await first.api.createDevice({ elderId: await registerElder(first), kind: 'wearable' });
    const short = (await first.api.request('POST', `/api/v1/devices/${device.id}/commands`, { type: 'locate', ttlSeconds: TTL_SECONDS })).body as DeviceCommandView;
    const long = (await first.api.request('POST', `/api/v1/devices/${device.id}/commands`, { type: 'reboot' })).body as DeviceCommandView;
    expect([short.status, long.status]).toEqual(['queued', 'queued']);
    await first.close();
    running.pop();
    // Stopped in time: the first gateway cannot have expired it.
    expect(Date.now()).toBeLessThan(Date.parse(short.expiresAt));
    await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(short.expiresAt) - Date.now() + 200)));

    const second = await startTestGateway({ DATA_DIR: dataDir });
    running.push(second);
    const read = async (id: string) => (await second.api.request('GET', `/api/v1/device-commands/${id}`)).body as DeviceCommandView;
    const expired = await eventually(() => read(short.id), (c) => c.status === 'expired', 10_000);
    expect(expired.finishedAt).not.toBeNull();
    expect((await read(long.id)).status).toBe('queued');
  });
});
