import { expect } from 'vitest';
import type { Store } from '../../gateway/src/app/ports/store/store.port.js';

// What both engines promise when a store from before commands to devices (issue 22) is opened by this gateway: its
// devices are kept whole, in service, with no firmware or model known yet, and commands can be stored for them at
// once. Each engine's test builds its old store with oldDeviceRows, opens it and runs expectDevicesKeptAndCommandable.

/** An elder and her online call button, as the old schema held them; `online` is the engine's literal for true. */
export const oldDeviceRows = (online: 'true' | '1'): string => `
  INSERT INTO elders (id, name, address, created_at) VALUES ('e1', '王奶奶', '幸福路 1 号', 0);
  INSERT INTO devices (id, elder_id, kind, room, secret_hash, broker_password_hash, test_mode_until, online, battery, last_seen_at, created_at)
    VALUES ('btn-1', 'e1', 'call_button', 'bedroom', 'h', NULL, NULL, ${online}, 70, 500, 100);
`;

export async function expectDevicesKeptAndCommandable(store: Store): Promise<void> {
  expect(await store.listDevices()).toEqual([
    {
      id: 'btn-1', elderId: 'e1', kind: 'call_button', room: 'bedroom', secretHash: 'h', brokerPasswordHash: null, testModeUntil: null,
      online: true, battery: 70, lastSeenAt: 500, createdAt: 100, firmware: null, model: null, retiredAt: null, replacedBy: null,
    },
  ]);
  expect((await store.listDevices({ state: 'online' })).map((d) => d.id)).toEqual(['btn-1']);
  const created = await store.createDeviceCommand({
    id: 'c-1', deviceId: 'btn-1', elderId: 'e1', alertId: null, type: 'locate', parameters: {}, createdBy: 'user:u1', createdAt: 1_000, expiresAt: 2_000,
  });
  expect(created).toMatchObject({ status: 'queued', sendCount: 0 });
  expect(await store.nextDeviceCommandDeadline()).toBe(2_000);
}
