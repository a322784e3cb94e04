import { randomBytes } from 'node:crypto';
import type { DeviceKind, DeviceView, Elder, RiskCategory, ThresholdOverrides } from '../../../schemas/index.js';
import { evaluateAwayEnded } from '../core/evaluate.js';
import { effectiveThresholds, inconsistentHysteresis } from '../core/thresholds.js';
import type { CareDirectory } from './care-directory.js';
import type { DeviceRegistry } from './device-registry.js';
import { AppError } from './errors.js';
import type { RuleRunner } from './rule-runner.js';
import { newDeviceSecret, sha256 } from './secrets.js';
import { StoreConflictError, type DeviceRecord, type ElderRecord, type Store } from './store.port.js';
import { toDeviceView, toElderView } from './views.js';

// Registering elders and their devices, and changing how they are watched: care profile and thresholds, the away
// state, a device's test mode. A device's secret is returned once, at registration, and stored only as a hash.
// Every change is stored first and then mirrored in the in-memory registry and directory the rules read.

const newDeviceId = (kind: DeviceKind): string => `${kind.replaceAll('_', '-')}-${randomBytes(6).toString('hex')}`;

export interface RegistrationDeps {
  store: Store;
  registry: DeviceRegistry;
  directory: CareDirectory;
  rules: RuleRunner;
  clock: () => number;
  newId: () => string;
}

export function createRegistrationService(deps: RegistrationDeps) {
  const { store, registry, directory, clock } = deps;

  async function elder(id: string): Promise<ElderRecord> {
    const record = await store.getElder(id);
    if (!record) throw new AppError('ELDER_NOT_FOUND');
    return record;
  }

  async function device(id: string): Promise<DeviceRecord> {
    const record = await store.getDevice(id);
    if (!record) throw new AppError('DEVICE_NOT_FOUND');
    return record;
  }

  return {
    async createElder(input: { name: string; address: string; phone?: string | undefined; riskCategory: RiskCategory }): Promise<Elder> {
      const record: ElderRecord = {
        id: deps.newId(),
        name: input.name,
        address: input.address,
        phone: input.phone ?? null,
        riskCategory: input.riskCategory,
        thresholdOverrides: {},
        away: null,
        createdAt: clock(),
      };
      await store.createElder(record);
      directory.putElder(record);
      return toElderView(record);
    },

    async getElder(id: string): Promise<Elder> {
      return toElderView(await elder(id));
    },

    /** Replaces the risk category and/or the elder's own threshold overrides. */
    async setCareProfile(id: string, input: { riskCategory?: RiskCategory | undefined; thresholdOverrides?: ThresholdOverrides | undefined }): Promise<Elder> {
      const current = await elder(id);
      const riskCategory = input.riskCategory ?? current.riskCategory;
      const thresholdOverrides = input.thresholdOverrides ?? current.thresholdOverrides;
      const problems = inconsistentHysteresis(effectiveThresholds(riskCategory, thresholdOverrides));
      if (problems.length > 0) throw new AppError('THRESHOLDS_INCONSISTENT', problems.join('; '));
      await store.updateElderCareProfile(id, { riskCategory, thresholdOverrides });
      const updated = { ...current, riskCategory, thresholdOverrides };
      directory.putElder(updated);
      return toElderView(updated);
    },

    async setAway(id: string, input: { until?: string | undefined; reason: string }): Promise<Elder> {
      const current = await elder(id);
      const now = clock();
      const until = input.until === undefined ? null : Date.parse(input.until);
      if (until !== null && until <= now) throw new AppError('AWAY_UNTIL_IN_PAST');
      const away = { since: now, until, reason: input.reason };
      await store.setElderAway(id, away);
      const updated = { ...current, away };
      directory.putElder(updated);
      return toElderView(updated);
    },

    /** The elder is back: inactivity watching restarts from now. */
    async endAway(id: string): Promise<Elder> {
      const current = await elder(id);
      await store.setElderAway(id, null);
      const updated = { ...current, away: null };
      directory.putElder(updated);
      if (current.away) await deps.rules.run({ elderId: id, deviceId: null, evaluate: (state, now) => evaluateAwayEnded(state, now) });
      return toElderView(updated);
    },

    async createDevice(input: { elderId: string; kind: DeviceKind; id?: string | undefined; room?: string | undefined }) {
      await elder(input.elderId);
      const secret = newDeviceSecret();
      const record: DeviceRecord = {
        id: input.id ?? newDeviceId(input.kind),
        elderId: input.elderId,
        kind: input.kind,
        room: input.room ?? null,
        secretHash: sha256(secret),
        testModeUntil: null,
        online: false,
        battery: null,
        lastSeenAt: null,
        createdAt: clock(),
      };
      try {
        await store.createDevice(record);
      } catch (err) {
        if (err instanceof StoreConflictError) throw new AppError('DEVICE_ID_TAKEN');
        throw err;
      }
      registry.add(record);
      return { ...toDeviceView(record), secret };
    },

    async getDevice(id: string): Promise<DeviceView> {
      return toDeviceView(await device(id));
    },

    /** Test mode for `minutes` from now (null ends it): alerts are marked test and never dispatched. */
    async setTestMode(id: string, minutes: number | null): Promise<DeviceView> {
      const current = await device(id);
      const until = minutes === null ? null : clock() + minutes * 60_000;
      await store.setDeviceTestMode(id, until);
      const registered = registry.get(id);
      if (registered) registered.testModeUntil = until;
      return toDeviceView({ ...current, testModeUntil: until });
    },

    async listDeviceEvents(id: string, limit: number) {
      await device(id);
      return (await store.listDeviceEvents(id, limit)).map((e) => ({
        msgId: e.msgId,
        type: e.type,
        deviceTs: new Date(e.deviceTs).toISOString(),
        receivedAt: new Date(e.receivedAt).toISOString(),
        payload: JSON.parse(e.payload) as Record<string, unknown>,
      }));
    },
  };
}

export type RegistrationService = ReturnType<typeof createRegistrationService>;
