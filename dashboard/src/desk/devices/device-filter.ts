// The device list's filters as the screen holds them and as GET /devices takes them (schemas/rest.ts
// deviceListQuerySchema). "Not seen for" is a duration the operator picks; it becomes lastSeenBefore at the moment
// the list is asked for, so "24 h" still means 24 h after the tab has been open all night.

import type { DeviceKind, DeviceState } from '../../../../schemas/index.js';

export interface DeviceFilter {
  /** A part of the device id. */
  q: string;
  kind: DeviceKind | '';
  /** '' every state but retired (the gateway's default). */
  state: DeviceState | '';
  regionId: string;
  firmware: string;
  /** '' any; else a percentage 1–100. */
  batteryBelow: string;
  /** '' any; else hours without a message. */
  silentHours: string;
}

export const defaultDeviceFilter = (): DeviceFilter => ({ q: '', kind: '', state: '', regionId: '', firmware: '', batteryBelow: '', silentHours: '' });

/** The battery level the count line calls low when the operator has not filtered by battery. */
export const LOW_BATTERY_PCT = 20;

/** The query string of the filters that hold something, with `extra` (limit, cursor); `now` fixes lastSeenBefore. */
export function deviceQuery(filter: DeviceFilter, now: number, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  const q = filter.q.trim();
  if (q !== '') params.set('q', q);
  if (filter.kind) params.set('kind', filter.kind);
  if (filter.state) params.set('state', filter.state);
  if (filter.regionId) params.set('regionId', filter.regionId);
  if (filter.firmware.trim() !== '') params.set('firmware', filter.firmware.trim());
  const battery = Number(filter.batteryBelow);
  if (filter.batteryBelow !== '' && battery >= 1 && battery <= 100) params.set('batteryBelow', String(battery));
  const hours = Number(filter.silentHours);
  if (filter.silentHours !== '' && hours > 0) params.set('lastSeenBefore', new Date(now - hours * 3_600_000).toISOString());
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  return params.toString();
}
