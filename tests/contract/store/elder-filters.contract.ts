import { beforeEach, describe, expect, it } from 'vitest';
import type { ElderFilter, ElderStore } from '../../../gateway/src/app/ports/store/elders.port.js';
import { plainElder, seededStore, type OpenStore } from './setup.js';

// The registry's filters of listElders (elders.port.ts ElderFilter, issue 21): group tag, birth date against the 高龄
// cutoff, assessment level (or none), a part of the name, the ID number's tail; combined with region and paging.

export function elderFilterStoreContract(name: string, open: OpenStore): void {
  describe(`elder list filters: ${name}`, () => {
    const seeded = seededStore(open);
    let store: ElderStore;
    beforeEach(async () => {
      store = seeded.store;
      await store.createElder({ ...plainElder, id: 'f-1', name: '张秀英', idNumber: '11010519400308124X', groups: ['living_alone', 'dementia'], birthDate: '1940-03-08', sex: 'female', assessment: { level: 'severe', assessedOn: '2026-01-02', assessor: '评估中心' } });
      await store.createElder({ ...plainElder, id: 'f-2', name: '李建国', idNumber: '110105195512310031', groups: ['empty_nest'], birthDate: '1955-12-31', sex: 'male' });
      // a tag that contains another's code as a part must not match it ('disabled' in 'severely_disabled')
      await store.createElder({ ...plainElder, id: 'f-3', name: 'Zhang Wei', groups: ['severely_disabled'], birthDate: '1946-12-08' });
    });
    const ids = async (filter: Omit<ElderFilter, 'regionPath'>) =>
      (await store.listElders({ regionPath: seeded.community.path, ...filter })).map((e) => e.id).filter((id) => id.startsWith('f-'));

    it('when filtered by a group tag, then only elders with that whole tag come', async () => {
      expect(await ids({ group: 'living_alone' })).toEqual(['f-1']);
      expect(await ids({ group: 'disabled' })).toEqual([]);
      expect(await ids({ group: 'severely_disabled' })).toEqual(['f-3']);
    });

    it('when filtered by the 高龄 cutoff, then born on or before it, or the rest with the unknown', async () => {
      expect(await ids({ bornOnOrBefore: '1946-12-08' })).toEqual(['f-1', 'f-3']);
      expect(await ids({ bornOnOrBefore: '1946-12-07' })).toEqual(['f-1']);
      expect(await ids({ notBornOnOrBefore: '1946-12-07' })).toEqual(['f-2', 'f-3']);
      expect((await store.listElders({ regionPath: seeded.community.path, notBornOnOrBefore: '1946-12-07' })).map((e) => e.id)).toContain('elder-1');
    });

    it('when filtered by assessment level or by none, then those with it or without any', async () => {
      expect(await ids({ assessmentLevel: 'severe' })).toEqual(['f-1']);
      expect(await ids({ assessmentLevel: 'mild' })).toEqual([]);
      expect(await ids({ assessmentLevel: null })).toEqual(['f-2', 'f-3']);
    });

    it('when searched by a part of the name or the ID tail, then case-insensitively by name, exactly by the tail', async () => {
      expect(await ids({ nameContains: '秀' })).toEqual(['f-1']);
      expect(await ids({ nameContains: 'zhang' })).toEqual(['f-3']);
      expect(await ids({ nameContains: '%' })).toEqual([]);
      expect(await ids({ idNumberEndsWith: '124X' })).toEqual(['f-1']);
      expect(await ids({ idNumberEndsWith: '0031' })).toEqual(['f-2']);
      expect(await ids({ idNumberEndsWith: '1240' })).toEqual([]);
    });

    it('when filters combine with paging, then a page holds only matching elders after the cursor', async () => {
      expect(await ids({ bornOnOrBefore: '1950-01-01', afterId: 'f-1', limit: 1 })).toEqual(['f-3']);
      expect(await ids({ group: 'empty_nest', assessmentLevel: null })).toEqual(['f-2']);
    });
  });
}
