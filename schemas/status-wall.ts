import { z } from 'zod';
import type { AlertType } from './alert.js';
import { deviceKindSchema } from './devices/device-kinds.js';

// The status wall: every home (an elder at home, or an institution room) of the caller's region with its devices'
// presence, in one reply the desk draws as tiles and then keeps current from the live `device.status` events.
// Compact on purpose: 20,000 homes must load in one request.

/**
 * What a home can be in, worst first. A home holds every problem state that applies at once (an open alert, an offline
 * device, a low battery), and is counted and filtered under each; its tile is drawn in the first (its top state) with
 * marks for the others. online and noData are what a home without any problem is: devices that reported, or none.
 */
export const HOME_STATES = ['openAlert', 'offline', 'lowBattery', 'online', 'noData'] as const;
export const homeStateSchema = z.enum(HOME_STATES);
export type HomeState = z.infer<typeof homeStateSchema>;

/** Open alerts of these types put the home in that state too, whatever its devices said since (the alert is the record). */
const STATE_OF_ALERT: Partial<Record<AlertType, 'offline' | 'lowBattery'>> = { device_offline: 'offline', low_battery: 'lowBattery' };

/**
 * The states of one home, worst first, from its open alerts' types and its devices' tallies (reported at least once,
 * offline now, under the elder's battery threshold now). One definition for the gateway's counts and the desk's live
 * wall, so the two never disagree.
 */
export function homeStates(home: { alertTypes: Iterable<AlertType>; reported: number; offline: number; low: number }): HomeState[] {
  let openAlert = false;
  let offline = home.offline > 0;
  let lowBattery = home.low > 0;
  for (const type of home.alertTypes) {
    openAlert = true;
    const state = STATE_OF_ALERT[type];
    if (state === 'offline') offline = true;
    else if (state === 'lowBattery') lowBattery = true;
  }
  const states: HomeState[] = [];
  if (openAlert) states.push('openAlert');
  if (offline) states.push('offline');
  if (lowBattery) states.push('lowBattery');
  if (states.length === 0) states.push(home.reported > 0 ? 'online' : 'noData');
  return states;
}

export const wallDeviceSchema = z.object({
  id: z.string(),
  kind: deviceKindSchema,
  room: z.string().nullable(),
  /** null: never heard from since it was registered. */
  online: z.boolean().nullable(),
  battery: z.number().nullable(),
  lastSeenAt: z.iso.datetime().nullable(),
});
export type WallDevice = z.infer<typeof wallDeviceSchema>;

export const wallHomeSchema = z.object({
  elderId: z.string(),
  name: z.string(),
  address: z.string(),
  /** The elder's community (or town, county): the wall groups by it. */
  regionId: z.string(),
  /** Battery percentage below which this elder's devices count as low (the elder's threshold). */
  batteryLow: z.number(),
  devices: z.array(wallDeviceSchema),
  /** Every state the home is in when the wall was made, worst first (homeStates); the first is its top state. */
  states: z.array(homeStateSchema).min(1),
});
export type WallHome = z.infer<typeof wallHomeSchema>;

/** Homes per state; a home in several states counts in each, so the states may add up to more than `homes`. */
const homeCount = z.number().int().nonnegative();
export const wallCountsSchema = z.object({
  homes: homeCount,
  openAlert: homeCount,
  offline: homeCount,
  lowBattery: homeCount,
  online: homeCount,
  noData: homeCount,
});
export type WallCountsView = z.infer<typeof wallCountsSchema>;

export const statusWallSchema = z.object({
  at: z.iso.datetime(),
  homes: z.array(wallHomeSchema),
  counts: wallCountsSchema,
});
export type StatusWall = z.infer<typeof statusWallSchema>;
