// The queue's filters: by region (any region below the root, and everything below it), by alert type, by status. They
// narrow what the queue shows and what the keyboard acts on, never what sounds: the alarm and the unacknowledged
// banner always count every open alert. Remembered in sessionStorage, so a reload of the tab keeps them.

import { signal } from '@preact/signals';
import type { RegionView } from '../../../../schemas/index.js';
import type { Alert } from '../../model/alert-book.js';
import { regionTree } from '../../model/region-tree.js';

export interface QueueFilter {
  /** A region id, or '' for all. */
  region: string;
  type: string;
  status: string;
}

export const FILTER_STATUSES = ['raised', 'acknowledged', 'dispatched', 'on_site', 'on_hold'] as const;

const STORAGE_KEY = 'dutyDesk.queueFilter';
const NONE: QueueFilter = { region: '', type: '', status: '' };

function readSaved(): QueueFilter {
  try {
    const saved: unknown = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null');
    if (!saved || typeof saved !== 'object') return NONE;
    const field = (name: keyof QueueFilter) => {
      const value = (saved as Record<string, unknown>)[name];
      return typeof value === 'string' ? value : '';
    };
    return { region: field('region'), type: field('type'), status: field('status') };
  } catch {
    return NONE;
  }
}

export const queueFilter = signal<QueueFilter>(readSaved());

export function setQueueFilter(change: Partial<QueueFilter>): void {
  queueFilter.value = { ...queueFilter.value, ...change };
  try {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(queueFilter.value));
  } catch {
    // kept for this page only
  }
}

export function clearQueueFilter(): void {
  setQueueFilter(NONE);
}

export const isFiltered = (filter: QueueFilter) => filter.region !== '' || filter.type !== '' || filter.status !== '';

/** True when `regionId` is `ancestorId` or lies below it (walking up by parentId; the tree is three levels deep). */
export function isWithin(regionId: string, ancestorId: string, regions: ReadonlyMap<string, RegionView>): boolean {
  let current: string | null | undefined = regionId;
  for (let depth = 0; current && depth < 8; depth += 1) {
    if (current === ancestorId) return true;
    current = regions.get(current)?.parentId;
  }
  return false;
}

export function matchesFilter(alert: Alert, filter: QueueFilter, regions: ReadonlyMap<string, RegionView>): boolean {
  if (filter.type && alert.type !== filter.type) return false;
  if (filter.status && alert.status !== filter.status) return false;
  if (filter.region && !isWithin(alert.elder.regionId, filter.region, regions)) return false;
  return true;
}

/**
 * The regions the desk can see below the root, at every depth (a town followed by its communities; a district by its
 * streets, each street by its communities), siblings by name. `indent` is the depth below the first region listed.
 */
export function regionChoices(regions: ReadonlyMap<string, RegionView>): Array<{ region: RegionView; nested: boolean; indent: number }> {
  return regionTree(regions).map(({ region, indent }) => ({ region, nested: indent > 0, indent }));
}
