import { beforeEach, describe, expect, it } from 'vitest';
import type { ComplaintRecord, ComplaintStore } from '../../../gateway/src/app/ports/store/phone/complaints.port.js';
import type { ElderStore } from '../../../gateway/src/app/ports/store/elders.port.js';
import type { RegionStore } from '../../../gateway/src/app/ports/store/regions.port.js';
import { StoreConflictError } from '../../../gateway/src/app/ports/store/store.port.js';
import type { UserStore } from '../../../gateway/src/app/ports/store/users.port.js';
import { DAY } from '../../../gateway/src/core/time-units.js';
import { T0 } from '../../support/elder-state.js';
import { anOperator, seededStore, seedOtherTown, type OpenStore } from './setup.js';

// Complaints (complaints.port.ts): read back with the elder's and the owner's names; listed newest first by status
// (overdue: not closed and due at or before now) under a region path; updated only from the status expected; flagged
// overdue once; counted opened, closed, closed in time and overdue.

const complaint = (id: string, o: Partial<ComplaintRecord> = {}): ComplaintRecord => ({
  id,
  status: 'open',
  subject: 'provider',
  subjectName: '阳光助餐',
  statement: '送餐迟到一小时',
  elderId: 'elder-1',
  regionId: 'community-1',
  callId: 'c-1',
  ownerId: 'sup-1',
  dueAt: T0 + 5 * DAY,
  overdueFlaggedAt: null,
  answer: null,
  answeredAt: null,
  followUpCallId: null,
  closedAt: null,
  createdAt: T0,
  createdBy: 'user:op-1',
  ...o,
});

export function complaintStoreContract(name: string, open: OpenStore): void {
  describe(`complaint store contract: ${name}`, () => {
    const seeded = seededStore(open);
    let store: ComplaintStore & UserStore & RegionStore & ElderStore;
    let paths: { townPath: string; otherTownPath: string };
    beforeEach(async () => {
      store = seeded.store;
      await store.createUser(anOperator('sup-1', '督导老陈'));
      paths = await seedOtherTown(store);
    });

    it('when a complaint is recorded, then it reads back whole with the elder’s and owner’s names, and its id cannot be taken twice', async () => {
      await store.createComplaint(complaint('k-1'));
      expect(await store.getComplaint('k-1')).toEqual({ ...complaint('k-1'), elderName: '王奶奶', ownerName: '督导老陈' });
      await expect(store.createComplaint(complaint('k-1'))).rejects.toBeInstanceOf(StoreConflictError);
      const anonymous = complaint('k-2', { elderId: null, ownerId: null, callId: null, subject: 'service', subjectName: null, regionId: 'town-1' });
      await store.createComplaint(anonymous);
      expect(await store.getComplaint('k-2')).toEqual({ ...anonymous, elderName: null, ownerName: null });
      expect(await store.getComplaint('k-404')).toBeNull();
    });

    it('when complaints are listed by status, then they come newest first, overdue means not closed and due by now, and another town’s stay out', async () => {
      const now = T0 + 6 * DAY;
      await store.createComplaint(complaint('k-1', { dueAt: T0 + 5 * DAY }));
      await store.createComplaint(complaint('k-2', { status: 'answered', dueAt: T0 + 7 * DAY, createdAt: T0 + 1 }));
      await store.createComplaint(complaint('k-3', { status: 'closed', dueAt: T0 + DAY, closedAt: T0 + 2 * DAY, createdAt: T0 + 2 }));
      await store.createComplaint(complaint('k-4', { status: 'answered', dueAt: now, createdAt: T0 + 3 }));
      await store.createComplaint(complaint('k-5', { elderId: 'elder-2', regionId: 'town-2', createdAt: T0 + 4 }));
      const ids = async (status: Parameters<ComplaintStore['listComplaints']>[0]['status'], regionPath = paths.townPath, limit = 50) =>
        (await store.listComplaints({ regionPath, status, now, limit })).map((k) => k.id);
      expect(await ids('all')).toEqual(['k-4', 'k-3', 'k-2', 'k-1']);
      expect(await ids('open')).toEqual(['k-1']);
      expect(await ids('answered')).toEqual(['k-4', 'k-2']);
      expect(await ids('closed')).toEqual(['k-3']);
      expect(await ids('unclosed')).toEqual(['k-4', 'k-2', 'k-1']);
      expect(await ids('overdue')).toEqual(['k-4', 'k-1']);
      expect(await ids('all', paths.townPath, 2)).toEqual(['k-4', 'k-3']);
      expect(await ids('all', paths.otherTownPath)).toEqual(['k-5']);
      expect(await ids('overdue', paths.otherTownPath)).toEqual(['k-5']);
    });

    it('when an update expects a status the complaint no longer has, then it is refused and the complaint stays as the first update left it', async () => {
      await store.createComplaint(complaint('k-1'));
      const answered = complaint('k-1', { status: 'answered', answer: '已约谈服务商', answeredAt: T0 + DAY });
      expect(await store.updateComplaint(answered, 'open')).toBe(true);
      const rival = complaint('k-1', { status: 'answered', answer: '另一答复', answeredAt: T0 + DAY + 1 });
      expect(await store.updateComplaint(rival, 'open')).toBe(false);
      expect(await store.getComplaint('k-1')).toMatchObject({ status: 'answered', answer: '已约谈服务商', answeredAt: T0 + DAY });
      const closed = { ...answered, status: 'closed' as const, followUpCallId: 'c-9', closedAt: T0 + 2 * DAY };
      expect(await store.updateComplaint(closed, 'answered')).toBe(true);
      expect(await store.getComplaint('k-1')).toEqual({ ...closed, elderName: '王奶奶', ownerName: '督导老陈' });
      expect(await store.updateComplaint(complaint('k-404'), 'open')).toBe(false);
    });

    it('when the overdue sweep runs, then it gets the due and unflagged complaints earliest first and each is flagged once', async () => {
      await store.createComplaint(complaint('k-1', { dueAt: T0 + 2 * DAY }));
      await store.createComplaint(complaint('k-2', { status: 'answered', dueAt: T0 + DAY }));
      await store.createComplaint(complaint('k-3', { status: 'closed', dueAt: T0, closedAt: T0 + 3 * DAY }));
      await store.createComplaint(complaint('k-4', { dueAt: T0 + 10 * DAY }));
      await store.createComplaint(complaint('k-5', { dueAt: T0, overdueFlaggedAt: T0 + 1 }));
      await store.createComplaint(complaint('k-6', { elderId: 'elder-2', regionId: 'town-2', dueAt: T0 + 3 * DAY }));
      const now = T0 + 3 * DAY;
      expect((await store.dueUnflaggedComplaints(now, 10)).map((k) => k.id)).toEqual(['k-2', 'k-1', 'k-6']);
      expect(await store.dueUnflaggedComplaints(now, 1)).toEqual([complaint('k-2', { status: 'answered', dueAt: T0 + DAY })]);
      expect(await store.flagComplaintOverdue('k-2', now)).toBe(true);
      expect(await store.flagComplaintOverdue('k-2', now + 1)).toBe(false);
      expect(await store.getComplaint('k-2')).toMatchObject({ overdueFlaggedAt: now });
      expect((await store.dueUnflaggedComplaints(now, 10)).map((k) => k.id)).toEqual(['k-1', 'k-6']);
      // A closed complaint is never flagged, nor one that does not exist.
      expect(await store.flagComplaintOverdue('k-3', now)).toBe(false);
      expect(await store.flagComplaintOverdue('k-404', now)).toBe(false);
      // An update written from a copy read before the flag keeps the flag.
      expect(await store.updateComplaint(complaint('k-2', { status: 'closed', dueAt: T0 + DAY, closedAt: now + 2 }), 'answered')).toBe(true);
      expect(await store.getComplaint('k-2')).toMatchObject({ status: 'closed', overdueFlaggedAt: now });
    });

    it('when complaints are counted, then opened, closed, closed in time and overdue follow their times within [from, to) and the region path', async () => {
      const from = T0;
      const to = T0 + 10 * DAY;
      const now = T0 + 15 * DAY;
      await store.createComplaint(complaint('k-1', { createdAt: T0 + DAY, dueAt: T0 + 5 * DAY, status: 'closed', closedAt: T0 + 3 * DAY }));
      await store.createComplaint(complaint('k-2', { createdAt: T0 + DAY, dueAt: T0 + 6 * DAY, status: 'closed', closedAt: T0 + 8 * DAY }));
      await store.createComplaint(complaint('k-3', { createdAt: T0 - 5 * DAY, dueAt: T0, status: 'closed', closedAt: T0 + 2 * DAY }));
      await store.createComplaint(complaint('k-4', { createdAt: T0 + 2 * DAY, dueAt: T0 + 7 * DAY }));
      await store.createComplaint(complaint('k-5', { createdAt: T0 + 3 * DAY, dueAt: T0 + 16 * DAY, status: 'answered' }));
      await store.createComplaint(complaint('k-6', { createdAt: T0 + 12 * DAY, dueAt: T0 + 14 * DAY }));
      await store.createComplaint(complaint('k-7', { createdAt: T0 + 4 * DAY, dueAt: T0 + 9 * DAY, status: 'closed', closedAt: to }));
      await store.createComplaint(complaint('k-8', { elderId: 'elder-2', regionId: 'town-2', createdAt: T0 + DAY, dueAt: T0 + 2 * DAY }));
      expect(await store.countComplaints({ regionPath: paths.townPath, from, to, now })).toEqual({ opened: 5, closed: 3, closedInTime: 1, overdue: 1 });
      expect(await store.countComplaints({ regionPath: paths.otherTownPath, from, to, now })).toEqual({ opened: 1, closed: 0, closedInTime: 0, overdue: 1 });
      const root = (await store.rootRegion()).path;
      expect(await store.countComplaints({ regionPath: `${root}nowhere/`, from, to, now })).toEqual({ opened: 0, closed: 0, closedInTime: 0, overdue: 0 });
    });
  });
}
