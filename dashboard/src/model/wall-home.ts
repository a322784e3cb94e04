// One home on the status wall and the states it is in. A home holds every problem that applies at once (an open
// alert, an offline device, a low battery: schemas/status-wall.ts decides them, for the gateway's counts and this
// wall alike); it is drawn in the first and marked with the others, and counted and filtered under each. The home
// keeps running tallies of its devices (how many reported, how many are offline, how many are low) so that one
// device's change re-decides its states without looking at its other devices, and the wall's counts move by that one
// home's difference (wall-book.ts).

import type { AlertType, AlertView, HomeState, WallDevice, WallHome } from '../../../schemas/index.js';
import { homeStates } from '../../../schemas/index.js';
import { compareOpen } from './alert-book.js';

export { HOME_STATES, type HomeState } from '../../../schemas/index.js';

export type WallCounts = Record<HomeState | 'homes', number>;

export const emptyCounts = (): WallCounts => ({ homes: 0, openAlert: 0, offline: 0, lowBattery: 0, online: 0, noData: 0 });

export interface HomeTile {
  readonly elderId: string;
  readonly name: string;
  readonly address: string;
  readonly regionId: string;
  readonly batteryLow: number;
  /** Updated in place by live events; the wall's revision signal says when. */
  readonly devices: WallDevice[];
  /** Devices that reported at least once. */
  reported: number;
  offline: number;
  low: number;
  /** The worst open alert of the elder, if any. */
  alert: AlertView | null;
  /** The types of all the elder's open alerts (an open low_battery alert makes the home low on battery too). */
  alertTypes: AlertType[];
  /** Every state the home is in, worst first; never empty. */
  states: readonly HomeState[];
  /** The first of `states`: what the tile is drawn in. */
  state: HomeState;
  /** Lower-case name, address, device ids and rooms, for the search box. */
  readonly haystack: string;
}

export const isOffline = (d: WallDevice) => d.online === false;
export const isLow = (d: WallDevice, batteryLow: number) => d.battery !== null && d.battery < batteryLow;

/** The home's states from its tallies and open alerts' types (the gateway's definition, schemas/status-wall.ts). */
export function statesOf(home: Pick<HomeTile, 'alertTypes' | 'reported' | 'offline' | 'low'>): HomeState[] {
  return homeStates(home);
}

export const sameStates = (a: readonly HomeState[], b: readonly HomeState[]): boolean => a.length === b.length && a.every((s, i) => s === b[i]);

export function toHomeTile(home: WallHome): HomeTile {
  const devices = home.devices.map((d) => ({ ...d }));
  const tile: HomeTile = {
    elderId: home.elderId,
    name: home.name,
    address: home.address,
    regionId: home.regionId,
    batteryLow: home.batteryLow,
    devices,
    reported: devices.filter((d) => d.online !== null).length,
    offline: devices.filter(isOffline).length,
    low: devices.filter((d) => isLow(d, home.batteryLow)).length,
    alert: null,
    alertTypes: [],
    states: ['noData'],
    state: 'noData',
    haystack: [home.name, home.address, ...devices.flatMap((d) => [d.id, d.room ?? ''])].join('\n').toLowerCase(),
  };
  tile.states = statesOf(tile);
  tile.state = tile.states[0] ?? 'noData';
  return tile;
}

/** The lowest battery among the home's low devices, for the tile's "battery 12%". */
export function lowestBattery(home: HomeTile): number | null {
  let lowest: number | null = null;
  for (const d of home.devices) if (d.battery !== null && (lowest === null || d.battery < lowest)) lowest = d.battery;
  return lowest;
}

/** The alert a home is drawn with when it has several open: the one the queue shows first (alert-book.ts). */
export function worseAlert(a: AlertView, b: AlertView): AlertView {
  return compareOpen(a, b) <= 0 ? a : b;
}
