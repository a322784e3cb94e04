import { beforeEach, describe, expect, it } from 'vitest';
import { clearQueueFilter, setQueueFilter } from '../../../dashboard/src/desk/queue/queue-filter.js';
import { chosenTarget, hiddenUnacknowledged, keyTarget, moveSelection, openAlerts, shownAlerts } from '../../../dashboard/src/desk/queue/shown-alerts.js';
import { alerts, bumpAlerts, clearSession, regions } from '../../../dashboard/src/desk/state/desk-state.js';
import type { AlertView } from '../../../schemas/index.js';
import { anAlert, regionTree } from './fixtures.js';

// What the queue shows: the open alerts in queue order, narrowed by the filters, and the row the keyboard acts on.

const elderIn = (regionId: string) => ({ id: `elder-${regionId}`, name: '王秀英', address: '幸福路 1 号', regionId });

function live(...list: AlertView[]): void {
  for (const alert of list) alerts.upsert(alert);
  bumpAlerts();
}

const ids = (list: readonly AlertView[] | null) => list?.map((a) => a.id);

beforeEach(() => {
  clearSession();
  clearQueueFilter();
  chosenTarget.value = null;
  regions.value = regionTree();
});

describe('shown alerts', () => {
  it('when the book changes, then the open alerts are shown again in queue order', () => {
    live(anAlert({ id: 'tech', priority: 3 }), anAlert({ id: 'sos', priority: 1 }));
    expect(ids(openAlerts.value)).toEqual(['sos', 'tech']);
    live(anAlert({ id: 'sos', priority: 1, status: 'resolved', resolvedAt: '2025-03-01T08:10:00.000Z' }));
    expect(ids(openAlerts.value)).toEqual(['tech']);
  });

  it('when a region filter is set, then only alerts of that region and below are shown', () => {
    live(
      anAlert({ id: 'a', elder: elderIn('community-a') }),
      anAlert({ id: 'b', elder: elderIn('community-b'), raisedAt: '2025-03-01T08:01:00.000Z' }),
      anAlert({ id: 'c', elder: elderIn('community-c') }),
    );
    setQueueFilter({ region: 'town-1' });
    expect(ids(shownAlerts.value)).toEqual(['a', 'b']);
    setQueueFilter({ region: 'community-c' });
    expect(ids(shownAlerts.value)).toEqual(['c']);
  });

  it('when the filters hide unacknowledged life-safety alerts, then those are counted for the banner', () => {
    live(
      anAlert({ id: 'fall-c', type: 'fall', priority: 1, elder: elderIn('community-c') }),
      anAlert({ id: 'sos-c-acked', priority: 1, status: 'acknowledged', elder: elderIn('community-c') }),
      anAlert({ id: 'smoke-a', type: 'smoke', priority: 1, elder: elderIn('community-a') }),
      anAlert({ id: 'leak-c', type: 'water_leak', priority: 2, elder: elderIn('community-c') }),
    );
    expect(hiddenUnacknowledged.value).toBe(0);
    setQueueFilter({ region: 'town-1' });
    // fall-c is hidden and raised; the acknowledged one and the priority-2 one do not count.
    expect(hiddenUnacknowledged.value).toBe(1);
  });

  it('when the operator chose nothing, then the keyboard acts on the top unacknowledged shown alert', () => {
    live(
      anAlert({ id: 'acked-1', priority: 1, status: 'acknowledged' }),
      anAlert({ id: 'raised-2', priority: 2 }),
      anAlert({ id: 'raised-1-hidden', priority: 1, type: 'fall' }),
    );
    setQueueFilter({ type: 'sos' });
    expect(ids(shownAlerts.value)).toEqual(['acked-1', 'raised-2']);
    expect(keyTarget.value?.id).toBe('raised-2');
  });

  it('when only held alerts are shown, then the keyboard has no target', () => {
    live(anAlert({ id: 'held', status: 'on_hold', holdUntil: '2025-03-01T09:00:00.000Z' }));
    expect(keyTarget.value).toBeNull();
    expect(moveSelection(1)?.id).toBe('held');
  });

  it('when the operator moves down and up, then the target walks the shown rows and stops at either end', () => {
    live(anAlert({ id: 'a1', raisedAt: '2025-03-01T08:00:00.000Z' }), anAlert({ id: 'a2', raisedAt: '2025-03-01T08:01:00.000Z' }), anAlert({ id: 'a3', raisedAt: '2025-03-01T08:02:00.000Z' }));
    expect(keyTarget.value?.id).toBe('a1');
    expect(moveSelection(1)?.id).toBe('a2');
    expect(moveSelection(1)?.id).toBe('a3');
    expect(moveSelection(1)?.id).toBe('a3');
    expect(keyTarget.value?.id).toBe('a3');
    expect(moveSelection(-1)?.id).toBe('a2');
    expect(moveSelection(-1)?.id).toBe('a1');
    expect(moveSelection(-1)?.id).toBe('a1');
  });

  it('when the selected row is filtered out or closes, then the keyboard acts on nothing until another is picked; moving picks the top row', () => {
    live(anAlert({ id: 'sos-1' }), anAlert({ id: 'fall-1', type: 'fall', raisedAt: '2025-03-01T08:05:00.000Z' }));
    chosenTarget.value = 'fall-1';
    expect(keyTarget.value?.id).toBe('fall-1');
    setQueueFilter({ type: 'sos' });
    expect(keyTarget.value).toBeNull();
    expect(moveSelection(1)?.id).toBe('sos-1');
    live(anAlert({ id: 'sos-1', status: 'resolved', resolvedAt: '2025-03-01T08:10:00.000Z' }));
    expect(chosenTarget.value).toBe('sos-1');
    expect(keyTarget.value).toBeNull();
  });

  it('when nothing is shown, then moving the target does nothing', () => {
    expect(moveSelection(1)).toBeNull();
    expect(chosenTarget.value).toBeNull();
  });
});
