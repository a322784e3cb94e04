// One home on the status wall and the state it is drawn in. The home keeps running tallies of its devices (how many
// reported, how many are offline, how many are low) so that one device's change re-decides the home's state without
// looking at its other devices, and the wall's counts move by that one home's difference (wall-book.ts).

import type { AlertView, WallDevice, WallHome } from '../../../schemas/index.js';
import { compareOpen } from './alert-book.js';

/** Worst first: a home is drawn in the first state that applies to it. */
export const HOME_STATES = ['openAlert', 'offline', 'lowBattery', 'online', 'noData'] as const;
export type HomeState = (typeof HOME_STATES)[number];

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
  state: HomeState;
  /** Lower-case name, address, device ids and rooms, for the search box. */
  readonly haystack: string;
}

export const isOffline = (d: WallDevice) => d.online === false;
export const isLow = (d: WallDevice, batteryLow: number) => d.battery !== null && d.battery < batteryLow;

export function homeState(home: Pick<HomeTile, 'alert' | 'reported' | 'offline' | 'low'>): HomeState {
  if (home.alert) return 'openAlert';
  if (home.reported === 0) return 'noData';
  if (home.offline > 0) return 'offline';
  if (home.low > 0) return 'lowBattery';
  return 'online';
}

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
    state: 'noData',
    haystack: [home.name, home.address, ...devices.flatMap((d) => [d.id, d.room ?? ''])].join('\n').toLowerCase(),
  };
  tile.state = homeState(tile);
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
