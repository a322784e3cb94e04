import { describe, expect, it } from 'vitest';
import { nextResponder, suggestResponders } from '../../../gateway/src/core/alerts/dispatch.js';
import { responder } from './care-world.js';

// The order a duty officer would ask people in: the elder's own responders, then the same community, then whoever is
// on duty, then the least busy; the name only breaks ties.

const OWN = responder('r-own', '周敏', { assignedToElder: true, onDuty: false, openAssignments: 5 });
const NEAR_BUSY = responder('r-near-busy', '吴磊', { openAssignments: 3 });
const NEAR_FREE = responder('r-near-free', '郑洁', { openAssignments: 0 });
const NEAR_OFF = responder('r-near-off', '孙丽', { onDuty: false });
const TOWN_ON = responder('r-town', '钱伟', { sameCommunity: false, regionId: 'town-1' });
const TOWN_OFF = responder('r-town-off', '冯超', { sameCommunity: false, onDuty: false, regionId: 'town-1' });

describe('dispatch suggestion', () => {
  it('when responders differ in every way, then the elder’s own come first, then the same community, on duty, least busy', () => {
    const ids = suggestResponders([TOWN_OFF, NEAR_OFF, TOWN_ON, NEAR_BUSY, OWN, NEAR_FREE], []).map((r) => r.id);
    expect(ids).toEqual(['r-own', 'r-near-free', 'r-near-busy', 'r-near-off', 'r-town', 'r-town-off']);
  });

  it('when two responders weigh the same, then the name decides, whatever order they came in', () => {
    const a = responder('r-2', '张三');
    const b = responder('r-1', '李四');
    expect(suggestResponders([a, b], []).map((r) => r.displayName)).toEqual(suggestResponders([b, a], []).map((r) => r.displayName));
  });

  it('when some responders are excluded, then they are left out', () => {
    expect(suggestResponders([OWN, NEAR_FREE, NEAR_BUSY], ['r-own', 'r-near-free']).map((r) => r.id)).toEqual(['r-near-busy']);
  });

  it('when the elder’s own responder is off duty, then the gateway sends the first one on duty instead', () => {
    expect(nextResponder([OWN, NEAR_BUSY, NEAR_FREE], [])?.id).toBe('r-near-free');
  });

  // [situation, candidates, excluded, expected]
  it.each<[string, Parameters<typeof nextResponder>[0], string[], string | null]>([
    ['everybody on duty declined', [NEAR_FREE, TOWN_ON], ['r-near-free', 'r-town'], null],
    ['only people off duty are left', [OWN, NEAR_OFF, TOWN_OFF], [], null],
    ['nobody is known', [], [], null],
    ['someone in the town is on duty', [NEAR_OFF, TOWN_ON], [], 'r-town'],
  ])('when %s, then the next responder is %s', (_situation, candidates, excluded, expected) => {
    expect(nextResponder(candidates, excluded)?.id ?? null).toBe(expected);
  });
});
