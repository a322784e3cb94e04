// The device list's pages (see shared/use-paged-list.ts). `replace` puts a device changed in the panel (retired,
// moved) in its line, a new one (a replacement) on top.

import type { DeviceView } from '../../../../schemas/index.js';
import { usePagedList } from '../../shared/use-paged-list.js';
import { listDevicePage } from './device-request.js';
import type { DeviceFilter } from './device-filter.js';

/** `generation`: a new value asks again with the same filters (after a bulk registration). */
export function useDevicePages(filter: DeviceFilter, generation = 0) {
  return usePagedList<DeviceView>(JSON.stringify(filter), generation, (cursor) => listDevicePage(filter, cursor, Date.now()));
}
