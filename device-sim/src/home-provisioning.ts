import type { DeviceKind } from '../../schemas/index.js';
import type { GatewayClient } from './gateway-client.js';
import { homeProfile, type HomeProfile } from './home-profiles.js';

// Registers simulated homes through the REST API as an installer would: an elder from the home's profile, then its
// devices, the call button first. The secrets the gateway returns are kept in the Home, as they are shown once.

export interface HomeDevice {
  kind: DeviceKind;
  deviceId: string;
  /** Shown once by the gateway at registration; whoever provisions must keep it. */
  secret: string;
  /** Null for devices registered before rooms were recorded. */
  room: string | null;
}

export interface Home {
  elderId: string;
  /** The call button's id and secret (every home has one). */
  deviceId: string;
  secret: string;
  name: string;
  address: string;
  /** Every device of the home, the call button first. */
  devices: HomeDevice[];
}

export interface ProvisionOptions {
  seed?: number;
  /** Index of the first profile, so a later run can top up without repeating people. */
  startIndex?: number;
  /** Called after each home, e.g. to persist secrets as they are issued or to print progress. */
  onProvisioned?: (home: Home, done: number, total: number) => void | Promise<void>;
}

export const DEFAULT_HOMES_SEED = 2026;

export async function provisionHomes(client: GatewayClient, count: number, options: ProvisionOptions = {}): Promise<Home[]> {
  const { seed = DEFAULT_HOMES_SEED, startIndex = 0, onProvisioned } = options;
  const homes: Home[] = [];
  // One at a time: a few dozen homes take well under a second, and order keeps the progress honest.
  for (let i = 0; i < count; i += 1) {
    const profile = homeProfile(seed, startIndex + i);
    const { name, address, phone, riskCategory } = profile;
    const elder = await client.createElder({ name, address, phone, riskCategory });
    const devices: HomeDevice[] = [];
    for (const plan of profile.devices) devices.push(await registerDevice(client, elder.id, plan.kind, plan.room));
    const home = homeOf(elder, devices);
    homes.push(home);
    await onProvisioned?.(home, i + 1, count);
  }
  return homes;
}

/**
 * Registers the devices a home's profile lists but the home does not have yet (a home saved by an older demo that
 * had only call buttons). Returns the home with them, or the same home when nothing was missing.
 */
export async function completeHome(client: GatewayClient, home: Home, profile: HomeProfile): Promise<Home> {
  const unused = [...home.devices];
  const missing = profile.devices.filter((plan) => {
    const index = unused.findIndex((d) => d.kind === plan.kind && (d.room === plan.room || d.room === null));
    if (index < 0) return true;
    unused.splice(index, 1);
    return false;
  });
  if (missing.length === 0) return home;
  await client.setCareProfile(home.elderId, { riskCategory: profile.riskCategory });
  const devices = [...home.devices];
  for (const plan of missing) devices.push(await registerDevice(client, home.elderId, plan.kind, plan.room));
  return { ...home, devices };
}

async function registerDevice(client: GatewayClient, elderId: string, kind: DeviceKind, room: string): Promise<HomeDevice> {
  const device = await client.createDevice({ elderId, kind, room });
  return { kind, deviceId: device.id, secret: device.secret, room };
}

function homeOf(elder: { id: string; name: string; address: string }, devices: HomeDevice[]): Home {
  const button = devices.find((d) => d.kind === 'call_button');
  if (!button) throw new Error(`home of elder ${elder.id} has no call button`);
  return { elderId: elder.id, deviceId: button.deviceId, secret: button.secret, name: elder.name, address: elder.address, devices };
}

