import { beforeEach, describe, expect, it } from 'vitest';
import type { DeviceStore } from '../../../gateway/src/app/ports/store/devices.port.js';
import type { ElderRecord, ElderStore } from '../../../gateway/src/app/ports/store/elders.port.js';
import { T0 } from '../../support/elder-state.js';
import { seededStore, type OpenStore } from './setup.js';

// Elders (elders.port.ts): listed whole, records patched field by field, the care profile set as a whole, the away
// state, with the test mode of the elder's device beside them.

const elder2: ElderRecord = {
  id: 'elder-2',
  name: '李大爷',
  address: '幸福社区2号',
  phone: null,
  idNumber: '11010519491231002X',
  regionId: 'community-1',
  contacts: [],
  medicalNotes: '高血压',
  accessNotes: '门口有密码锁',
  assignedResponderIds: ['u-7'],
  riskCategory: 'alone',
  thresholdOverrides: { inactivityDaytimeHours: 10 },
  away: { since: T0 - 1000, until: T0 + 1000, reason: '住院' },
  createdAt: T0 + 1,
};

export function elderStoreContract(name: string, open: OpenStore): void {
  describe(`elder store contract: ${name}`, () => {
    const seeded = seededStore(open);
    let store: ElderStore & DeviceStore;
    beforeEach(() => {
      store = seeded.store;
    });

    it('when the care profile, away state and test mode change, then they read back', async () => {
      await store.updateElderCareProfile('elder-1', { riskCategory: 'disabled', thresholdOverrides: { spo2Low: 88, spo2LowClear: 91 } });
      await store.setElderAway('elder-1', { since: T0, until: T0 + 3600_000, reason: '住院' });
      await store.setDeviceTestMode('dev-1', T0 + 1800_000);
      expect(await store.getElder('elder-1')).toMatchObject({
        riskCategory: 'disabled',
        thresholdOverrides: { spo2Low: 88, spo2LowClear: 91 },
        away: { since: T0, until: T0 + 3600_000, reason: '住院' },
      });
      expect(await store.getDevice('dev-1')).toMatchObject({ testModeUntil: T0 + 1800_000 });
      await store.setElderAway('elder-1', null);
      expect((await store.getElder('elder-1'))?.away).toBeNull();
    });

    it('when a second elder is created, then the list holds both, each whole', async () => {
      const seededElder = (await store.getElder('elder-1'))!;
      await store.createElder(elder2);
      const listed = await store.listElders();
      expect([...listed].sort((a, b) => a.id.localeCompare(b.id))).toEqual([seededElder, elder2]);
    });

    it('when an elder\'s record is patched, then only the fields of the patch change, a null phone clears it, and the care profile and away state stay', async () => {
      await store.createElder(elder2);
      const patch = {
        name: '李爷爷',
        phone: '13900000003',
        regionId: 'town-1',
        contacts: [{ name: '邻居', relation: 'neighbour', phone: '13900000004', notify: false }],
        assignedResponderIds: ['u-7', 'u-8'],
      };
      await store.updateElderRecord('elder-2', patch);
      expect(await store.getElder('elder-2')).toEqual({ ...elder2, ...patch });
      await store.updateElderRecord('elder-2', { address: '幸福社区3号', medicalNotes: '糖尿病', accessNotes: '' });
      expect(await store.getElder('elder-2')).toEqual({ ...elder2, ...patch, address: '幸福社区3号', medicalNotes: '糖尿病', accessNotes: '' });
      const patched = { ...elder2, ...patch, address: '幸福社区3号', medicalNotes: '糖尿病', accessNotes: '', phone: null };
      await store.updateElderRecord('elder-2', { phone: null });
      expect(await store.getElder('elder-2')).toEqual(patched);
      await store.updateElderRecord('elder-2', {});
      expect(await store.getElder('elder-2')).toEqual(patched);
    });

    it('when the ID number is patched, then it reads back; a patch without it keeps it; null clears it', async () => {
      await store.createElder(elder2);
      await store.updateElderRecord('elder-2', { idNumber: '330102194503121238' });
      expect((await store.getElder('elder-2'))?.idNumber).toBe('330102194503121238');
      await store.updateElderRecord('elder-2', { name: '李爷爷' });
      expect(await store.getElder('elder-2')).toMatchObject({ name: '李爷爷', idNumber: '330102194503121238' });
      await store.updateElderRecord('elder-2', { idNumber: null });
      expect((await store.getElder('elder-2'))?.idNumber).toBeNull();
    });

    it('when a home has a location, then it reads back exactly, a patch without it keeps it, a new one replaces it and null removes it', async () => {
      // degrees with more digits than a GPS gives, and a negative one: stored as numbers, not rounded
      const located: ElderRecord = { ...elder2, location: { lat: 30.6123456789, lng: 114.3012345678 } };
      await store.createElder(located);
      expect(await store.getElder('elder-2')).toEqual(located);
      expect((await store.listElders()).find((e) => e.id === 'elder-2')?.location).toEqual({ lat: 30.6123456789, lng: 114.3012345678 });
      await store.updateElderRecord('elder-2', { name: '李爷爷' });
      expect((await store.getElder('elder-2'))?.location).toEqual({ lat: 30.6123456789, lng: 114.3012345678 });
      await store.updateElderRecord('elder-2', { location: { lat: -33.8568, lng: 151.2153 } });
      expect((await store.getElder('elder-2'))?.location).toEqual({ lat: -33.8568, lng: 151.2153 });
      await store.updateElderRecord('elder-2', { location: null });
      const cleared = await store.getElder('elder-2');
      // unknown is absent, as for an elder created without one
      expect(cleared).not.toHaveProperty('location');
      expect(cleared).toEqual({ ...elder2, name: '李爷爷' });
      expect(await store.getElder('elder-1')).not.toHaveProperty('location');
    });

    it('when an elder is created with groups, birth date, sex, assessment, consent and a guardian, then all read back; each patch replaces one and null removes it', async () => {
      const whole: ElderRecord = {
        ...elder2,
        contacts: [
          { name: '李明', relation: '儿子', phone: '13900000005', notify: true, guardian: true },
          { name: '王芳', relation: '邻居', phone: '13900000006', notify: false },
        ],
        groups: ['living_alone', 'dementia', 'minimum_living'],
        birthDate: '1949-12-31',
        sex: 'female',
        assessment: { level: 'moderate', assessedOn: '2026-03-15', assessor: '县老年人能力评估中心' },
        consent: { givenOn: '2026-03-20', givenBy: '李明', relation: 'guardian' },
      };
      await store.createElder(whole);
      expect(await store.getElder('elder-2')).toEqual(whole);
      expect((await store.listElders()).find((e) => e.id === 'elder-2')).toEqual(whole);
      await store.updateElderRecord('elder-2', { name: '李奶奶' });
      expect(await store.getElder('elder-2')).toEqual({ ...whole, name: '李奶奶' });
      const changed = {
        groups: ['empty_nest' as const],
        birthDate: '1950-01-01',
        sex: 'male' as const,
        assessment: { level: 'total' as const, assessedOn: '2026-09-01', assessor: '张医生' },
        consent: { givenOn: '2026-09-02', givenBy: '李大爷', relation: 'self' as const },
      };
      await store.updateElderRecord('elder-2', changed);
      expect(await store.getElder('elder-2')).toEqual({ ...whole, name: '李奶奶', ...changed });
      await store.updateElderRecord('elder-2', { groups: [], birthDate: null, sex: null, assessment: null, consent: null });
      const cleared = await store.getElder('elder-2');
      // unknown is absent, as for an elder created without them
      for (const field of ['groups', 'birthDate', 'sex', 'assessment', 'consent']) expect(cleared).not.toHaveProperty(field);
      expect(cleared).toEqual({ ...elder2, contacts: whole.contacts, name: '李奶奶' });
      expect(await store.getElder('elder-1')).not.toHaveProperty('birthDate');
    });

    it('when the care profile is set, then it replaces the thresholds wholly and changes nothing else of the elder', async () => {
      const before = (await store.getElder('elder-1'))!;
      expect(before.thresholdOverrides).toEqual({ heartRateHigh: 110 });
      await store.updateElderCareProfile('elder-1', { riskCategory: 'very_old', thresholdOverrides: { spo2Low: 88 } });
      expect(await store.getElder('elder-1')).toEqual({ ...before, riskCategory: 'very_old', thresholdOverrides: { spo2Low: 88 } });
      await store.updateElderCareProfile('elder-1', { riskCategory: 'alone', thresholdOverrides: {} });
      expect(await store.getElder('elder-1')).toEqual({ ...before, thresholdOverrides: {} });
    });

    it('when an elder is away with no end, then the open-ended stay reads back, and coming home clears it', async () => {
      await store.setElderAway('elder-1', { since: T0, until: null, reason: '探亲' });
      expect((await store.getElder('elder-1'))?.away).toEqual({ since: T0, until: null, reason: '探亲' });
      await store.setElderAway('elder-1', { since: T0 + 1000, until: T0 + 2000, reason: '住院' });
      expect((await store.getElder('elder-1'))?.away).toEqual({ since: T0 + 1000, until: T0 + 2000, reason: '住院' });
      await store.setElderAway('elder-1', null);
      expect((await store.getElder('elder-1'))?.away).toBeNull();
    });
  });
}
