import { beforeEach, describe, expect, it } from 'vitest';
import type { ElderImportStore } from '../../../gateway/src/app/ports/store/elder-import.port.js';
import type { ElderRecord, ElderStore } from '../../../gateway/src/app/ports/store/elders.port.js';
import { plainElder, seededStore, type OpenStore } from './setup.js';

// Elders by ID number and the import's one transaction (elder-import.port.ts): found by any of many numbers, and
// written all together or, when one write fails, not at all.

const listed = (id: string, idNumber: string | null, name: string): ElderRecord => ({
  ...plainElder,
  id,
  name,
  idNumber,
  contacts: [{ name: '监护人', relation: '监护人', phone: '13900000009', notify: false, guardian: true }],
  groups: ['living_alone', 'minimum_living'],
  birthDate: '1945-03-12',
  sex: 'female',
});

export function elderImportStoreContract(name: string, open: OpenStore): void {
  describe(`elder import store contract: ${name}`, () => {
    const seeded = seededStore(open);
    let store: ElderImportStore & ElderStore;
    beforeEach(() => {
      store = seeded.store;
    });

    it('when elders are imported, then they are created and updated together and found by their ID numbers', async () => {
      await store.createElder(listed('e-old', '11010519491231002X', '旧名'));
      await store.importElders({
        creates: [listed('e-a', '330102194503120024', '甲'), listed('e-b', '330102194503120032', '乙')],
        updates: [{ id: 'e-old', patch: { name: '新名', groups: ['dementia'], sex: 'male' } }],
      });
      const found = await store.findEldersByIdNumbers(['330102194503120024', '11010519491231002X', '330102194503120032', '999999999999999999']);
      expect(found.map((e) => [e.id, e.name]).sort()).toEqual([['e-a', '甲'], ['e-b', '乙'], ['e-old', '新名']]);
      expect(await store.getElder('e-old')).toEqual({ ...listed('e-old', '11010519491231002X', '新名'), groups: ['dementia'], sex: 'male' });
      expect(await store.getElder('e-a')).toEqual(listed('e-a', '330102194503120024', '甲'));
      expect(await store.findEldersByIdNumbers([])).toEqual([]);
    });

    it('when one write of an import fails, then none of it is written', async () => {
      // the second create repeats the first's id: the primary key refuses it, after the first was written
      await expect(
        store.importElders({
          creates: [listed('e-a', '330102194503120024', '甲'), listed('e-a', '330102194503120032', '乙')],
          updates: [{ id: 'elder-1', patch: { name: '改了' } }],
        }),
      ).rejects.toThrow();
      expect(await store.getElder('e-a')).toBeNull();
      expect((await store.getElder('elder-1'))?.name).toBe('王奶奶');
      expect(await store.findEldersByIdNumbers(['330102194503120024'])).toEqual([]);
    });

    it('when many ID numbers are asked for, then all of them are found (past any engine limit on one statement)', async () => {
      const creates = Array.from({ length: 1200 }, (_, i) => listed(`e-${i}`, `ID${String(i).padStart(16, '0')}`, `老人${i}`));
      await store.importElders({ creates, updates: [] });
      const found = await store.findEldersByIdNumbers(creates.map((e) => e.idNumber!));
      expect(found).toHaveLength(1200);
    });
  });
}
