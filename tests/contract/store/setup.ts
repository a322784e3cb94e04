import { afterEach, beforeEach } from 'vitest';
import type { Deadline } from '../../../gateway/src/core/deadline.js';
import { emptyCommitBatch, type CommitBatch } from '../../../gateway/src/app/ports/store/decisions.port.js';
import type { ElderRecord, ElderStore } from '../../../gateway/src/app/ports/store/elders.port.js';
import type { RegionRecord, RegionStore } from '../../../gateway/src/app/ports/store/regions.port.js';
import type { UserRecord } from '../../../gateway/src/app/ports/store/users.port.js';
import type { Store } from '../../../gateway/src/app/ports/store/store.port.js';
import { T0 } from '../../support/elder-state.js';

// What every part of the store contract (docs/decisions/0006-one-store-contract-two-engines.md) starts from: a fresh
// store for each test, seeded with a town, its community, an elder who lives there and her call button. Seeding and
// closing use the whole Store (only an engine's test file knows how to open one); each part then types the store it
// tests as the ports it uses, so a case cannot lean on a method its concern does not own.

/** Opens a fresh, empty store of one engine; `dispose` closes it and removes what it left behind. */
export type OpenStore = () => Promise<{ store: Store; dispose: () => Promise<void> }>;

export interface SeededStore {
  /** The running test's store, seeded. */
  readonly store: Store;
  /** The seeded community; its path is filled in before each test, once the root region is read. */
  readonly community: RegionRecord;
}

/** Registers, in the calling describe, the hooks that open and seed a store before each test and dispose of it after. */
export function seededStore(open: OpenStore): SeededStore {
  let store: Store;
  let dispose: () => Promise<void>;
  const community = { id: 'community-1', name: '幸福社区', level: 'community' as const, parentId: 'town-1', path: '' };

  beforeEach(async () => {
    ({ store, dispose } = await open());
    const root = await store.rootRegion();
    await store.createRegion({ id: 'town-1', name: '城关镇', level: 'town', parentId: root.id, path: `${root.path}town-1/` });
    community.path = `${root.path}town-1/community-1/`;
    await store.createRegion(community);
    await store.createElder({
      id: 'elder-1',
      name: '王奶奶',
      address: '幸福社区1号',
      phone: null,
      idNumber: null,
      regionId: 'community-1',
      contacts: [{ name: '儿子', relation: 'son', phone: '13900000001', notify: true }],
      medicalNotes: '',
      accessNotes: '钥匙在邻居家',
      assignedResponderIds: [],
      riskCategory: 'alone',
      thresholdOverrides: { heartRateHigh: 110 },
      away: null,
      createdAt: T0,
    });
    await store.createDevice({ id: 'dev-1', elderId: 'elder-1', kind: 'call_button', room: 'bedroom', secretHash: 'h', brokerPasswordHash: null, testModeUntil: null, online: false, battery: null, lastSeenAt: null, createdAt: T0, firmware: null, model: null, retiredAt: null, replacedBy: null });
  });
  afterEach(async () => {
    await dispose();
  });

  return {
    get store() {
      return store;
    },
    community,
  };
}

// Builders the parts share: a commit batch, an alert's first timeline line, a door-idle deadline of the seeded elder.

export const batch = (parts: Partial<CommitBatch> = {}): CommitBatch => ({ ...emptyCommitBatch(), ...parts });

/** An elder of the seeded community with nothing but the required fields; a part adds its id, name and what it tests. */
export const plainElder: Omit<ElderRecord, 'id' | 'name'> = {
  address: '幸福社区',
  phone: null,
  idNumber: null,
  regionId: 'community-1',
  contacts: [],
  medicalNotes: '',
  accessNotes: '',
  assignedResponderIds: [],
  riskCategory: 'general',
  thresholdOverrides: {},
  away: null,
  createdAt: T0,
};

export const raisedEntry = (alertId: string) => ({ alertId, at: T0, action: 'raised' as const, actor: 'device:dev-1', note: null });

export const deadline = (key: string, dueAt: number): Deadline => ({ key, kind: 'door_idle', elderId: 'elder-1', deviceId: 'dev-1', dueAt, data: { since: T0 } });

/** An operator of the seeded community, for the parts that need people. */
export const anOperator = (id: string, username: string): UserRecord => ({
  id,
  username,
  displayName: username,
  passwordHash: 'x',
  role: 'operator',
  regionId: 'community-1',
  responderKind: null,
  phone: null,
  onDuty: true,
  disabledAt: null,
  createdAt: T0,
});

/**
 * A second town beside the seeded one, with an elder of its own (elder-2 in town-2), for the parts that check a list
 * or a count never crosses towns. Returns the seeded town's path and the new one's.
 */
export async function seedOtherTown(store: RegionStore & ElderStore): Promise<{ townPath: string; otherTownPath: string }> {
  const root = await store.rootRegion();
  const otherTownPath = `${root.path}town-2/`;
  await store.createRegion({ id: 'town-2', name: '河西镇', level: 'town', parentId: root.id, path: otherTownPath });
  const elder = await store.getElder('elder-1');
  if (!elder) throw new Error('the seeded elder is missing');
  await store.createElder({ ...elder, id: 'elder-2', name: '赵爷爷', address: '河西村5号', regionId: 'town-2', contacts: [] });
  return { townPath: `${root.path}town-1/`, otherTownPath };
}
