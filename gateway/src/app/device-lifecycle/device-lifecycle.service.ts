import type { Logger } from 'pino';
import type { z } from 'zod';
import type { DeviceView, moveDeviceBodySchema, replaceDeviceBodySchema } from '../../../../schemas/index.js';
import { deviceRetired } from '../../core/device-lifecycle/device-retired.js';
import { evaluateDeviceInstalled } from '../../core/evaluate.js';
import { actorOf, type Access } from '../access.js';
import type { RuleRunner } from '../decisions/rule-runner.js';
import type { DeviceRegistry } from '../directories/device-registry.js';
import type { RegionDirectory } from '../directories/region-directory.js';
import type { CareDirectory } from '../directories/care-directory.js';
import { AppError } from '../errors.js';
import { newDeviceRecord } from '../new-device.js';
import type { ClusterLink } from '../ports/cluster.port.js';
import type { AuditStore } from '../ports/store/audit.port.js';
import type { DeviceRecord, DeviceStore } from '../ports/store/devices.port.js';
import type { ElderStore } from '../ports/store/elders.port.js';
import { StoreConflictError } from '../ports/store/store.port.js';
import { toDeviceView } from '../views.js';
import { deviceScope } from './managed-device.js';

// A device's life after registration (issue 22): taken out of service (retired), swapped for new hardware
// (replaced), moved to another elder or another place in the home. Each change is stored first, then the rules carry
// out what it means for the elder (technical alerts cleared, watches disarmed or started), then the in-memory
// registry follows, which is what the broker and the rules read: a retired device can no longer log in, and the
// session it has open is ended. Its history (events, alerts, commands) stays where it was.

/**
 * The commands use case's hand-over of device-side settings (intervals, thresholds) from the old device to its
 * replacement, as commands queued for the new one; resolves to how many it queued.
 */
type MoveDeviceBody = z.infer<typeof moveDeviceBodySchema>;
type ReplaceDeviceBody = z.infer<typeof replaceDeviceBodySchema>;

export type CarryOverSettings = (fromDeviceId: string, toDeviceId: string, actor: string) => Promise<number>;

export interface DeviceLifecycleDeps {
  store: AuditStore & DeviceStore & ElderStore;
  registry: DeviceRegistry;
  regions: RegionDirectory;
  /** For the elder's name on the device view. */
  directory: CareDirectory;
  rules: RuleRunner;
  /** Other instances keep the same registry: they are told to read a changed device again. */
  cluster: ClusterLink;
  clock: () => number;
  /** Wired by the composition root (app/device-commands); without it a replacement starts with the defaults. */
  carryOverSettings?: CarryOverSettings | undefined;
  logger: Logger;
}

export function createDeviceLifecycleService(deps: DeviceLifecycleDeps) {
  const { store, registry, rules, clock } = deps;
  const view = (d: DeviceRecord) => toDeviceView(d, deps.directory.get(d.elderId)?.summary.name ?? null);
  const scope = deviceScope(deps);
  const logger = deps.logger.child({ module: 'device-lifecycle' });

  const audit = (access: Access, action: string, entityId: string, detail: Record<string, unknown>) =>
    store.appendAudit({ at: clock(), actor: actorOf(access), action, entityType: 'device', entityId, detail });

  /**
   * The stored retirement carried out: its technical alerts cleared with `note`, its watches disarmed (in the elder's
   * queue, while the registry still has it), then it is let go, which ends its session. Let go even when the rules
   * failed: the store says it is retired, and a device the store retired must not stay connected.
   */
  async function takeOutOfService(access: Access, device: DeviceRecord, note: string): Promise<void> {
    try {
      await rules.run({ elderId: device.elderId, deviceId: device.id, actor: actorOf(access), evaluate: (state, now) => deviceRetired(state, now, { note, actor: actorOf(access) }) });
    } finally {
      registry.retire(device.id);
      deps.cluster.publish({ kind: 'reload', entity: 'device', id: device.id });
    }
  }

  /** Watched from installation, as a newly registered device is (device-installed.rule.ts). */
  const startWatching = (access: Access, device: Pick<DeviceRecord, 'id' | 'elderId'>) =>
    rules.run({ elderId: device.elderId, deviceId: device.id, actor: actorOf(access), evaluate: (state, now) => evaluateDeviceInstalled(state, now) });

  return {
    /** Out of service for good: it can no longer connect, nothing is watched for it, its history stays. */
    async retire(access: Access, id: string, input: { reason: string }): Promise<DeviceView> {
      const device = await scope.activeDevice(access, id);
      const at = clock();
      await store.retireDevice(id, at, null);
      await takeOutOfService(access, device, `device retired: ${input.reason}`);
      await audit(access, 'retired', id, { reason: input.reason, elderId: device.elderId });
      return view((await store.getDevice(id)) ?? { ...device, retiredAt: at });
    },

    /**
     * New hardware in the old one's place: same elder, kind and room, a new secret (returned this once). The old one
     * is retired in the same transaction, naming its successor; its technical alerts are cleared, and its device-side
     * settings are sent to the new one.
     */
    async replace(access: Access, id: string, input: ReplaceDeviceBody): Promise<DeviceView & { secret: string }> {
      const old = await scope.activeDevice(access, id);
      const at = clock();
      const { record, secret } = newDeviceRecord({ id: input.newId, elderId: old.elderId, kind: old.kind, room: old.room }, at);
      try {
        await store.replaceDevice(id, record, at);
      } catch (err) {
        if (err instanceof StoreConflictError) throw new AppError('DEVICE_ID_TAKEN');
        throw err;
      }
      registry.add(record);
      deps.cluster.publish({ kind: 'reload', entity: 'device', id: record.id });
      const reason = input.reason === undefined ? '' : `: ${input.reason}`;
      await takeOutOfService(access, old, `device replaced by ${record.id}${reason}`);
      await startWatching(access, record);
      const settingsCarried = await carryOver(access, old.id, record.id);
      await audit(access, 'replaced', old.id, { replacedBy: record.id, reason: input.reason ?? null, settingsCarried });
      await audit(access, 'registered', record.id, { kind: record.kind, elderId: record.elderId, replaces: old.id });
      return { ...view(record), secret };
    },

    /** To another elder of the person's region, or another place in the home. Open alerts stay with their elder. */
    async move(access: Access, id: string, input: MoveDeviceBody): Promise<DeviceView> {
      const device = await scope.activeDevice(access, id);
      const elderId = input.elderId ?? device.elderId;
      if (elderId !== device.elderId) await scope.elder(access, elderId);
      const room = input.room === undefined ? device.room : input.room;
      await store.moveDevice(id, { elderId, room });
      registry.move(id, { elderId, room });
      deps.cluster.publish({ kind: 'reload', entity: 'device', id });
      // At another elder's a motion sensor or door contact starts that elder's clock, as on installation.
      if (elderId !== device.elderId) await startWatching(access, { id, elderId });
      await audit(access, 'moved', id, { from: { elderId: device.elderId, room: device.room }, to: { elderId, room } });
      return view((await store.getDevice(id)) ?? { ...device, elderId, room });
    },
  };

  /** How many settings went over; null when the hand-over failed (logged: the replacement itself stands). */
  async function carryOver(access: Access, fromId: string, toId: string): Promise<number | null> {
    if (!deps.carryOverSettings) return 0;
    try {
      return await deps.carryOverSettings(fromId, toId, actorOf(access));
    } catch (err) {
      logger.error({ err, fromId, toId }, "the old device's settings were not carried over to its replacement");
      return null;
    }
  }
}

export type DeviceLifecycleService = ReturnType<typeof createDeviceLifecycleService>;
