import { describe, expect, test } from 'vitest';
import { addressTail } from '../../../dashboard/src/shared/address-tail.js';

const regions = new Map([
  ['county', { name: '清源县', parentId: null }],
  ['town-dh', { name: '东湖街道', parentId: 'county' }],
  ['c-bh', { name: '滨湖社区', parentId: 'town-dh' }],
]);

describe('the address on a queue row', () => {
  test('when the address contains the elder’s community, then the row shows what follows it', () => {
    expect(addressTail('清源县东湖街道滨湖社区4栋2单元102', 'c-bh', regions)).toBe('4栋2单元102');
  });

  test('when only a region above the community is in the address, then the row shows what follows that one', () => {
    expect(addressTail('东湖街道湖滨路8号', 'c-bh', regions)).toBe('湖滨路8号');
  });

  test('when nothing follows the community’s name, then the row shows what follows the town’s', () => {
    expect(addressTail('清源县东湖街道滨湖社区', 'c-bh', regions)).toBe('滨湖社区');
  });

  test('when no region name is in the address, then the whole address is shown', () => {
    expect(addressTail('湖滨路8号', 'c-bh', regions)).toBe('湖滨路8号');
    expect(addressTail('湖滨路8号', 'unknown', regions)).toBe('湖滨路8号');
  });
});
