import type { z } from 'zod';
import type { DeviceKind, DeviceListQuery, DeviceView, Elder, ElderListQuery, RiskCategory, ThresholdOverrides, updateElderBodySchema } from '../../../../schemas/index.js';
import { actorOf, DESK_ROLES, requireInScope, requireRole, type Access } from '../access.js';
import type { RegionDirectory } from '../directories/region-directory.js';
import { evaluateAwayEnded, evaluateDeviceInstalled } from '../../core/evaluate.js';
import { effectiveThresholds, inconsistentHysteresis } from '../../core/thresholds.js';
import type { CareDirectory } from '../directories/care-directory.js';
import type { ElderLookupIndex } from '../directories/elder-lookup-index.js';
import type { ClusterLink } from '../ports/cluster.port.js';
import type { DeviceRegistry } from '../directories/device-registry.js';
import { AppError } from '../errors.js';
import { decodeIdCursor, encodeIdCursor, pageOf } from '../list-cursor.js';
import { sendableTo } from '../directories/responder-lookup.js';
import type { RuleRunner } from '../decisions/rule-runner.js';
import { mosquittoPasswordHash, newDeviceSecret, sha256 } from '../secrets.js';
import { newDeviceRecord } from '../new-device.js';
import type { DeviceRecord, DeviceStore } from '../ports/store/devices.port.js';
import type { ElderRecord, ElderStore } from '../ports/store/elders.port.js';
import type { ElderImportStore } from '../ports/store/elder-import.port.js';
import { StoreConflictError } from '../ports/store/store.port.js';
import { toDeviceView, toElderView as elderView } from '../views.js';
import { contactPhones, elderPhone } from './registered-phones.js';
import { elderInScope } from '../directories/elder-in-scope.js';
import { applyElderChange, checkElderRecordFields, checkNewElder, newElderRecord, type CreateElderInput } from './elder-record-fields.js';
import { elderListFilter } from '../elder-list-filter.js';
import { localDay } from '../../core/local-time.js';
import type { AlertStore } from '../ports/store/alerts.port.js';
import type { AuditStore } from '../ports/store/audit.port.js';
import type { TaskStore } from '../ports/store/tasks.port.js';
import type { UserStore } from '../ports/store/users.port.js';

// Registering elders and their devices, and changing how they are watched: care profile and thresholds, the away
// state, a device's test mode. A device's secret is returned once, at registration or when it is replaced, and stored
// only as a hash.
// Every change is stored first and then mirrored in the in-memory registry and directory the rules read.

export type { CreateElderInput };

export type UpdateElderInput = z.infer<typeof updateElderBodySchema>;

export interface RegistrationDeps {
  store: AlertStore & AuditStore & DeviceStore & ElderStore & ElderImportStore & TaskStore & UserStore;
  registry: DeviceRegistry;
  directory: CareDirectory;
  /** What the desk searches while a phone rings: names, addresses, numbers, ID numbers. */
  lookup: ElderLookupIndex;
  regions: RegionDirectory;
  rules: RuleRunner;
  /** Other instances keep the same caches: they are told to read a changed record again. */
  cluster: ClusterLink;
  clock: () => number;
  newId: () => string;
  /** An away state without an end ends by itself this long after it was set (AWAY_MAX_DAYS). */
  awayMaxMs: number;
  /** Completes a bare local number of an elder or a contact (PHONE_AREA_CODE). */
  phoneAreaCode?: string | undefined;
  /** The local date (ages, dates not in the future) is at this offset from UTC (UTC_OFFSET_MINUTES). */
  utcOffsetMinutes: number;
  /**
   * Makes the care visit the visit policy now owes these elders, if missing (app/tasks/care-visit-generator.ts;
   * wired by the composition root). Awaited after the commit, so the task exists when the request returns; it
   * never throws (a failure is logged, and the schedule makes the task within minutes).
   */
  ensureCareVisits?: (elderIds: readonly string[]) => Promise<void>;
}

export function createRegistrationService(deps: RegistrationDeps) {
  const { store, registry, directory, regions, clock } = deps;
  const elderNameOf = (d: { elderId: string }): string | null => directory.get(d.elderId)?.summary.name ?? null;
  const today = (): string => localDay(clock(), deps.utcOffsetMinutes);
  const toElderView = (record: ElderRecord): Elder => elderView(record, today());

  /** Routine heartbeats move the last-seen time in memory only (device-status.rule.ts): the freshest of both. */
  function freshest(record: DeviceRecord): DeviceRecord {
    const seen = registry.get(record.id)?.presence?.lastSeenAt;
    return seen !== undefined && seen > (record.lastSeenAt ?? 0) ? { ...record, lastSeenAt: seen } : record;
  }

  /** The elder, when the person's region contains the elder's. */
  const elder = elderInScope({ store, regions });

  async function device(access: Access, id: string): Promise<DeviceRecord> {
    const record = await store.getDevice(id);
    if (!record) throw new AppError('DEVICE_NOT_FOUND');
    if (access.role === 'responder') await responderElder(access, record.elderId);
    else await elder(access, record.elderId);
    return record;
  }

  /**
   * A responder reads an elder's record (medical notes, door codes) only when the elder is theirs: assigned to them,
   * or with an open alert dispatched to them or an open task assigned to them, which may be in a neighbouring
   * community. Any other elder of their community answers ELDER_NOT_YOURS; one outside it FORBIDDEN_REGION.
   */
  async function responderElder(access: Access, id: string): Promise<ElderRecord> {
    const record = await store.getElder(id);
    if (!record) throw new AppError('ELDER_NOT_FOUND');
    if (record.assignedResponderIds.includes(access.userId)) return record;
    if ((await store.findOpenAlerts(id)).some((a) => a.assigneeId === access.userId)) return record;
    if ((await store.findOpenTasks(id)).some((t) => t.assigneeId === access.userId)) return record;
    requireInScope(access, regions.pathOf(record.regionId) ?? '');
    throw new AppError('ELDER_NOT_YOURS');
  }

  /** The caller's region, or a region inside it that the query names (403 FORBIDDEN_REGION outside). */
  function regionPathOf(access: Access, regionId: string | undefined): string {
    if (regionId === undefined) return access.regionPath;
    const path = regions.pathOf(regionId);
    if (!path) throw new AppError('REGION_NOT_FOUND');
    requireInScope(access, path);
    return path;
  }

  /** A region the person may place an elder in. */
  function placeable(access: Access, regionId: string): void {
    const path = regions.pathOf(regionId);
    if (!path) throw new AppError('REGION_NOT_FOUND');
    requireInScope(access, path);
  }

  /**
   * The elder's own responders are offered first and sent by the gateway on its own after a decline: each must be a
   * responder of the elder's town, or the first automatic offer goes to someone who cannot act on it (or to nobody).
   */
  async function checkAssignedResponders(regionId: string, ids: readonly string[]): Promise<void> {
    const wrong: string[] = [];
    for (const id of new Set(ids)) {
      if (!sendableTo(regions, regionId, await store.getUser(id))) wrong.push(id);
    }
    if (wrong.length > 0) throw new AppError('ASSIGNED_RESPONDERS_INVALID', `not responders of the elder's town, or disabled: ${wrong.join(', ')}`);
  }

  /**
   * An ID number names one person: registered twice, a call or an import would find the wrong record. Checked here,
   * not by a UNIQUE index, which a database from before the check could not take (schema.ts).
   */
  async function checkIdNumberFree(idNumber: string, self: string | null): Promise<void> {
    const holders = await store.findEldersByIdNumbers([idNumber]);
    if (holders.some((e) => e.id !== self)) throw new AppError('ELDER_ID_NUMBER_TAKEN');
  }

  const audit = (access: Access, action: string, entityType: 'elder' | 'device', entityId: string, detail: Record<string, unknown> = {}) =>
    store.appendAudit({ at: clock(), actor: actorOf(access), action, entityType, entityId, detail });

  return {
    async createElder(access: Access, input: CreateElderInput): Promise<Elder> {
      requireRole(access, DESK_ROLES);
      const regionId = input.regionId ?? access.regionId;
      placeable(access, regionId);
      const checked = checkNewElder(input, today(), deps.phoneAreaCode);
      await checkAssignedResponders(regionId, input.assignedResponderIds);
      if (input.idNumber !== undefined) await checkIdNumberFree(input.idNumber, null);
      const record = newElderRecord(input, checked, { id: deps.newId(), regionId, createdAt: clock() });
      await store.createElder(record);
      await audit(access, 'created', 'elder', record.id, { regionId });
      directory.putElder(record);
      deps.lookup.put(record);
      deps.cluster.publish({ kind: 'reload', entity: 'elder', id: record.id });
      await deps.ensureCareVisits?.([record.id]);
      return toElderView(record);
    },

    /** Responders read the record of elders who are theirs: they need the contacts and the access notes at the door. */
    async getElder(access: Access, id: string): Promise<Elder> {
      return toElderView(access.role === 'responder' ? await responderElder(access, id) : await elder(access, id));
    },

    /** A page of the elders of the person's region, by id, with the cursor of the next page (null on the last). */
    async listElders(access: Access, query: ElderListQuery): Promise<{ items: Elder[]; nextCursor: string | null }> {
      requireRole(access, DESK_ROLES);
      const rows = await store.listElders({
        ...elderListFilter(access, query, regions, today()),
        limit: query.limit + 1,
        ...(query.cursor !== undefined ? { afterId: decodeIdCursor(query.cursor) } : {}),
      });
      return pageOf(rows, query.limit, (last) => encodeIdCursor(last.id), toElderView);
    },

    async updateElder(access: Access, id: string, input: UpdateElderInput): Promise<Elder> {
      requireRole(access, DESK_ROLES);
      const current = await elder(access, id);
      const who = checkElderRecordFields(input, current, today());
      if (input.idNumber !== undefined && input.idNumber !== null) await checkIdNumberFree(input.idNumber, id);
      const patch = {
        ...input,
        phone: elderPhone(input.phone, deps.phoneAreaCode),
        contacts: input.contacts === undefined ? undefined : contactPhones(input.contacts, deps.phoneAreaCode),
        ...who,
      };
      if (patch.regionId !== undefined) placeable(access, patch.regionId);
      // A move checks the responders the elder keeps too: they must be near the new home.
      if (patch.regionId !== undefined || patch.assignedResponderIds !== undefined) {
        await checkAssignedResponders(patch.regionId ?? current.regionId, patch.assignedResponderIds ?? current.assignedResponderIds);
      }
      await store.updateElderRecord(id, patch);
      // with the fields taken from a new ID number (birth date, sex), which the body did not name
      await audit(access, 'updated', 'elder', id, { fields: [...new Set([...Object.keys(input), ...Object.keys(who)])] });
      // a record without a location (or birth date, …) has none, rather than null (elders.port.ts)
      const updated = applyElderChange(current, patch);
      directory.putElder(updated);
      deps.lookup.put(updated);
      deps.cluster.publish({ kind: 'reload', entity: 'elder', id });
      // groups, assessment or birth date may have changed what the elder is owed
      await deps.ensureCareVisits?.([id]);
      return toElderView(updated);
    },

    /** Replaces the risk category and/or the elder's own threshold overrides. */
    async setCareProfile(access: Access, id: string, input: { riskCategory?: RiskCategory | undefined; thresholdOverrides?: ThresholdOverrides | undefined }): Promise<Elder> {
      requireRole(access, DESK_ROLES);
      const current = await elder(access, id);
      const riskCategory = input.riskCategory ?? current.riskCategory;
      const thresholdOverrides = input.thresholdOverrides ?? current.thresholdOverrides;
      const problems = inconsistentHysteresis(effectiveThresholds(riskCategory, thresholdOverrides));
      if (problems.length > 0) throw new AppError('THRESHOLDS_INCONSISTENT', problems.join('; '));
      await store.updateElderCareProfile(id, { riskCategory, thresholdOverrides });
      await audit(access, 'care_profile_set', 'elder', id, { riskCategory, overrides: Object.keys(thresholdOverrides) });
      const updated = { ...current, riskCategory, thresholdOverrides };
      directory.putElder(updated);
      deps.cluster.publish({ kind: 'reload', entity: 'elder', id });
      // the legacy risk category still counts as a visit policy subject
      await deps.ensureCareVisits?.([id]);
      return toElderView(updated);
    },

    async setAway(access: Access, id: string, input: { until?: string | undefined; reason: string }): Promise<Elder> {
      requireRole(access, DESK_ROLES);
      const current = await elder(access, id);
      const now = clock();
      // A forgotten away state must not stop the watching for good: without an end it lasts AWAY_MAX_DAYS, and
      // setting it again is how the desk confirms that the elder is still away.
      const until = input.until === undefined ? now + deps.awayMaxMs : Date.parse(input.until);
      if (until <= now) throw new AppError('AWAY_UNTIL_IN_PAST');
      // A mistyped year (2099 for 2029) would silence the watches for good: an end past AWAY_MAX_DAYS is refused,
      // and a longer absence is confirmed again before it runs out.
      if (until > now + deps.awayMaxMs) throw new AppError('AWAY_UNTIL_TOO_FAR', `the away state may last at most ${Math.round(deps.awayMaxMs / 86_400_000)} days (AWAY_MAX_DAYS); set it again to extend it`);
      const away = { since: now, until, reason: input.reason };
      await store.setElderAway(id, away);
      await audit(access, 'away_set', 'elder', id, { until });
      const updated = { ...current, away };
      directory.putElder(updated);
      deps.cluster.publish({ kind: 'reload', entity: 'elder', id });
      return toElderView(updated);
    },

    /** The elder is back: inactivity watching restarts from now. */
    async endAway(access: Access, id: string): Promise<Elder> {
      requireRole(access, DESK_ROLES);
      const current = await elder(access, id);
      await store.setElderAway(id, null);
      await audit(access, 'away_ended', 'elder', id);
      const updated = { ...current, away: null };
      directory.putElder(updated);
      deps.cluster.publish({ kind: 'reload', entity: 'elder', id });
      if (current.away) await deps.rules.run({ elderId: id, deviceId: null, actor: actorOf(access), evaluate: (state, now) => evaluateAwayEnded(state, now) });
      return toElderView(updated);
    },

    async createDevice(access: Access, input: { elderId: string; kind: DeviceKind; id?: string | undefined; room?: string | undefined }) {
      requireRole(access, DESK_ROLES);
      await elder(access, input.elderId);
      const { record, secret } = newDeviceRecord({ id: input.id, elderId: input.elderId, kind: input.kind, room: input.room ?? null }, clock());
      try {
        await store.createDevice(record);
      } catch (err) {
        if (err instanceof StoreConflictError) throw new AppError('DEVICE_ID_TAKEN');
        throw err;
      }
      await audit(access, 'registered', 'device', record.id, { kind: record.kind, elderId: record.elderId });
      registry.add(record);
      deps.cluster.publish({ kind: 'reload', entity: 'device', id: record.id });
      // Watched from installation, not from its first event (device-installed.rule.ts).
      await deps.rules.run({ elderId: record.elderId, deviceId: record.id, actor: actorOf(access), evaluate: (state, now) => evaluateDeviceInstalled(state, now) });
      return { ...toDeviceView(record, elderNameOf(record)), secret };
    },

    /**
     * A new secret for a device whose secret leaked or that changes hands: the old one stops working at once (the
     * broker ends the session it opened). Returned this once, like at registration.
     */
    async rotateSecret(access: Access, id: string): Promise<DeviceView & { secret: string }> {
      requireRole(access, DESK_ROLES);
      const current = await device(access, id);
      const secret = newDeviceSecret();
      const hashes = { secretHash: sha256(secret), brokerPasswordHash: mosquittoPasswordHash(secret) };
      await store.setDeviceSecret(id, hashes);
      await audit(access, 'secret_rotated', 'device', id);
      registry.setSecret(id, hashes.secretHash);
      deps.cluster.publish({ kind: 'reload', entity: 'device', id });
      return { ...toDeviceView({ ...current, ...hashes }, elderNameOf(current)), secret };
    },

    async getDevice(access: Access, id: string): Promise<DeviceView> {
      const found = freshest(await device(access, id));
      return toDeviceView(found, elderNameOf(found));
    },

    /** Test mode for `minutes` from now (null ends it): alerts are marked test and never dispatched. */
    async setTestMode(access: Access, id: string, minutes: number | null): Promise<DeviceView> {
      requireRole(access, DESK_ROLES);
      const current = await device(access, id);
      const until = minutes === null ? null : clock() + minutes * 60_000;
      await store.setDeviceTestMode(id, until);
      await audit(access, until === null ? 'test_mode_ended' : 'test_mode_set', 'device', id, { until });
      const registered = registry.get(id);
      if (registered) registered.testModeUntil = until;
      deps.cluster.publish({ kind: 'reload', entity: 'device', id });
      return toDeviceView({ ...current, testModeUntil: until }, elderNameOf(current));
    },

    /**
     * A page of the devices of the person's region (or of a region inside it), by id: the desk's view of what is
     * installed and what is off. Retired devices only when asked for (state=retired).
     */
    async listDevices(access: Access, query: DeviceListQuery): Promise<{ items: DeviceView[]; nextCursor: string | null }> {
      requireRole(access, DESK_ROLES);
      const rows = await store.listDevices({
        regionPath: regionPathOf(access, query.regionId),
        limit: query.limit + 1,
        ...(query.elderId !== undefined ? { elderId: query.elderId } : {}),
        ...(query.kind !== undefined ? { kind: query.kind } : {}),
        ...(query.online !== undefined ? { online: query.online } : {}),
        ...(query.state !== undefined ? { state: query.state } : {}),
        ...(query.firmware !== undefined ? { firmware: query.firmware } : {}),
        ...(query.batteryBelow !== undefined ? { batteryBelow: query.batteryBelow } : {}),
        ...(query.lastSeenBefore !== undefined ? { lastSeenBefore: Date.parse(query.lastSeenBefore) } : {}),
        ...(query.q !== undefined ? { idContains: query.q } : {}),
        ...(query.cursor !== undefined ? { afterId: decodeIdCursor(query.cursor) } : {}),
      });
      return pageOf(rows, query.limit, (last) => encodeIdCursor(last.id), (record) => {
        const fresh = freshest(record);
        return toDeviceView(fresh, elderNameOf(fresh));
      });
    },

    async listDeviceEvents(access: Access, id: string, limit: number) {
      requireRole(access, DESK_ROLES);
      await device(access, id);
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
