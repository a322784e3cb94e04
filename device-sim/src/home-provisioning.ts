import type { DeviceKind } from '../../schemas/index.js';
import { careRecord } from './care-records.js';
import type { GatewayClient, UpdateElderBody } from './gateway-client.js';
import { addressInCommunity, homeProfile, type HomeProfile } from './home-profiles.js';
import { homeLocation } from './home-locations.js';

// Registers simulated homes through the REST API as an installer would: an elder from the home's profile with
// emergency contacts and notes, in a community with its responders when placed, then its devices, the call button
// first. The secrets the gateway returns are kept in the Home, as they are shown once.

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
  /** The community the elder was placed in; absent for a home provisioned without one (an older demo's). */
  regionId?: string | undefined;
}

/** Where a home belongs in the care network: its community, named for the address, and who looks after it. */
export interface HomePlacement {
  regionId: string;
  town: string;
  community: string;
  /** The community's responders, suggested first when the desk dispatches for this elder. */
  assignedResponderIds: string[];
}

export interface ProvisionOptions {
  seed?: number;
  /** Index of the first profile, so a later run can top up without repeating people. */
  startIndex?: number;
  /** Called after each home, e.g. to persist secrets as they are issued or to print progress. */
  onProvisioned?: (home: Home, done: number, total: number) => void | Promise<void>;
  /** The community of the home with this profile index; without it (or when it gives none) the elder is the county's. */
  place?: (index: number, profile: HomeProfile) => HomePlacement | undefined;
}

export const DEFAULT_HOMES_SEED = 2026;

export async function provisionHomes(client: GatewayClient, count: number, options: ProvisionOptions = {}): Promise<Home[]> {
  const { seed = DEFAULT_HOMES_SEED, startIndex = 0, onProvisioned, place } = options;
  const homes: Home[] = [];
  // One at a time: a few dozen homes take well under a second, and order keeps the progress honest.
  for (let i = 0; i < count; i += 1) {
    const index = startIndex + i;
    const profile = homeProfile(seed, index);
    const { name, phone, riskCategory } = profile;
    const placement = place?.(index, profile);
    const address = placement ? addressInCommunity(profile, seed, index, placement.town, placement.community) : profile.address;
    const elder = await client.createElder({
      name,
      address,
      location: homeLocation(seed, index, address),
      phone,
      riskCategory,
      ...careRecord(seed, index, profile),
      ...(placement ? { regionId: placement.regionId, assignedResponderIds: placement.assignedResponderIds } : {}),
    });
    const devices: HomeDevice[] = [];
    for (const plan of profile.devices) devices.push(await registerDevice(client, elder.id, plan.kind, plan.room));
    const home = { ...homeOf(elder, devices), ...(placement ? { regionId: elder.regionId } : {}) };
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

/**
 * Moves a home provisioned without a community (by an older demo) into one: community and an address there, unless
 * somebody already placed the elder elsewhere (`countyId` is the region unplaced elders belong to); contacts, notes
 * and assigned responders where the record has none. Returns the home with its community; safe to repeat.
 */
export async function placeSavedHome(
  client: GatewayClient,
  home: Home,
  where: { profile: HomeProfile; seed: number; index: number; placement: HomePlacement; countyId: string },
): Promise<Home> {
  const { profile, seed, index, placement } = where;
  const elder = await client.getElder(home.elderId);
  const record = careRecord(seed, index, profile);
  const patch: UpdateElderBody = {};
  if (elder.regionId === where.countyId) {
    patch.regionId = placement.regionId;
    patch.address = addressInCommunity(profile, seed, index, placement.town, placement.community);
  }
  if (elder.contacts.length === 0) patch.contacts = record.contacts;
  if (elder.medicalNotes === '') patch.medicalNotes = record.medicalNotes;
  if (elder.accessNotes === '') patch.accessNotes = record.accessNotes;
  // a home saved before the record had groups, a birth date, an assessment and a consent (issue 21)
  if (elder.birthDate === null && elder.groups.length === 0) {
    Object.assign(patch, { groups: record.groups, birthDate: record.birthDate, sex: record.sex, assessment: record.assessment, consent: record.consent });
  }
  const regionId = patch.regionId ?? elder.regionId;
  if (elder.assignedResponderIds.length === 0 && regionId === placement.regionId) patch.assignedResponderIds = placement.assignedResponderIds;
  const updated = Object.keys(patch).length > 0 ? await client.updateElder(home.elderId, patch) : elder;
  return { ...home, address: updated.address, regionId: updated.regionId };
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

