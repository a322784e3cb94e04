import { randomUUID } from 'node:crypto';
import { OPEN_ALERT_STATUSES, type CreateDeviceCommandBody, type DeviceCommandView } from '../../../../schemas/index.js';
import { commandDeadline, refusalOf } from '../../core/device-commands/command-acceptance.js';
import { actorOf, DESK_ROLES, requireInScope, requireRole, type Access } from '../access.js';
import type { RegionDirectory } from '../directories/region-directory.js';
import { AppError } from '../errors.js';
import type { AlertStore } from '../ports/store/alerts.port.js';
import type { AuditStore } from '../ports/store/audit.port.js';
import type { DeviceCommandRecord, DeviceCommandStore, NewDeviceCommand } from '../ports/store/device-commands.port.js';
import type { DeviceRecord, DeviceStore } from '../ports/store/devices.port.js';
import type { ElderStore } from '../ports/store/elders.port.js';
import { StoreConflictError } from '../ports/store/store.port.js';
import { parametersOf, sameParameters } from './command-parameters.js';
import type { CommandSender } from './command-sender.js';
import type { CommandTimeline } from './command-timeline.js';
import { toDeviceCommandView } from './command-view.js';

// Commands to devices as records (issue 22): POST /devices/:id/commands stores the command queued, then sends it at
// once if the device can take it (command-sender.ts); GET reads the record as it moves on. Desk roles of the device's
// region may send any command its kind takes; a responder may only ask for the position of the device of an alert
// dispatched to them (`locate` with that alertId). A repeated request with the same id changes and sends nothing.

export interface DeviceCommandsDeps {
  store: DeviceCommandStore & DeviceStore & ElderStore & AlertStore & AuditStore;
  regions: RegionDirectory;
  sender: CommandSender;
  timeline: CommandTimeline;
  /** The gateway's own test mode for the device (registration.service.ts setTestMode): alerts meanwhile are tests. */
  setGatewayTestMode: (access: Access, deviceId: string, minutes: number | null) => Promise<unknown>;
  /** A new deadline may be the earliest (command-expiry.ts). */
  rearmExpiry: () => void;
  clock: () => number;
  newId?: () => string;
}

/** How long test mode lasts when the command does not say (the contract's default). */
const DEFAULT_TEST_MODE_MINUTES = 60;

export function createDeviceCommandsService(deps: DeviceCommandsDeps) {
  const { store, regions, clock } = deps;
  const newId = deps.newId ?? randomUUID;

  async function regionPathOf(elderId: string): Promise<string> {
    const elder = await store.getElder(elderId);
    if (!elder) throw new AppError('ELDER_NOT_FOUND');
    return regions.pathOf(elder.regionId) ?? '';
  }

  /** The device, when the person may send it this command (or read its commands, without a body). */
  async function deviceFor(access: Access, id: string, body?: CreateDeviceCommandBody): Promise<DeviceRecord> {
    const device = await store.getDevice(id);
    if (!device) throw new AppError('DEVICE_NOT_FOUND');
    if (access.role === 'responder' && body) {
      // Where is the elder now, for the responder on the way: only their own alert's device, only its position.
      if (body.type !== 'locate' || body.alertId === undefined) throw new AppError('FORBIDDEN_ROLE', 'a responder may only locate the device of an alert dispatched to them');
      const alert = await store.getAlert(body.alertId);
      if (!alert || alert.assigneeId !== access.userId || !OPEN_ALERT_STATUSES.includes(alert.status)) throw new AppError('ALERT_NOT_ASSIGNED_TO_YOU');
      return device;
    }
    requireRole(access, DESK_ROLES);
    requireInScope(access, await regionPathOf(device.elderId));
    return device;
  }

  async function checkAlert(device: DeviceRecord, alertId: string | undefined): Promise<void> {
    if (alertId === undefined) return;
    const alert = await store.getAlert(alertId);
    if (!alert || alert.elderId !== device.elderId) throw new AppError('COMMAND_ALERT_MISMATCH', `alert ${alertId} is not an alert of the elder of device ${device.id}`);
  }

  /** The stored command with this id, when it is this very request again; 409 when the id means another command. */
  function repeated(stored: DeviceCommandRecord, wanted: NewDeviceCommand): DeviceCommandRecord {
    if (stored.deviceId === wanted.deviceId && stored.type === wanted.type && sameParameters(stored.parameters, wanted.parameters)) return stored;
    throw new AppError('COMMAND_ID_TAKEN');
  }

  /** Stores, audits, notes and sends one command; `created: false` when the same command was stored before. */
  async function place(command: NewDeviceCommand, actor: string, detail: Record<string, unknown> = {}): Promise<{ command: DeviceCommandRecord; created: boolean }> {
    const before = await store.getDeviceCommand(command.id);
    if (before) return { command: repeated(before, command), created: false };
    let stored: DeviceCommandRecord;
    try {
      stored = await store.createDeviceCommand(command);
    } catch (err) {
      // The same id made at the same moment by another request: that one is the command.
      if (!(err instanceof StoreConflictError)) throw err;
      const winner = await store.getDeviceCommand(command.id);
      if (!winner) throw err;
      return { command: repeated(winner, command), created: false };
    }
    await store.appendAudit({ at: clock(), actor, action: 'command_created', entityType: 'device', entityId: command.deviceId, detail: { commandId: command.id, type: command.type, alertId: command.alertId, ...detail } });
    deps.rearmExpiry();
    await deps.sender.flush(command.deviceId);
    const now = (await store.getDeviceCommand(command.id)) ?? stored;
    await deps.timeline.note(now, now.status, actor);
    return { command: now, created: true };
  }

  return {
    place,

    async create(access: Access, deviceId: string, body: CreateDeviceCommandBody): Promise<{ command: DeviceCommandView; created: boolean }> {
      const device = await deviceFor(access, deviceId, body);
      if (device.retiredAt !== null) throw new AppError('DEVICE_RETIRED');
      const parameters = parametersOf(body);
      const refusal = refusalOf(device.kind, body.type, parameters);
      if (refusal) throw new AppError(refusal.code, refusal.detail);
      await checkAlert(device, body.alertId);
      const now = clock();
      const wanted: NewDeviceCommand = {
        id: body.id ?? newId(),
        deviceId: device.id,
        elderId: device.elderId,
        alertId: body.alertId ?? null,
        type: body.type,
        parameters,
        createdBy: actorOf(access),
        createdAt: now,
        expiresAt: commandDeadline(body.type, body.ttlSeconds, now),
      };
      const stored = body.id === undefined ? null : await store.getDeviceCommand(body.id);
      if (stored) return { command: toDeviceCommandView(repeated(stored, wanted)), created: false };
      // The gateway's side of test mode first: alerts raised while the device tests are marked test from now on.
      if (body.type === 'test_mode') await deps.setGatewayTestMode(access, device.id, body.enabled ? (body.minutes ?? DEFAULT_TEST_MODE_MINUTES) : null);
      const placed = await place(wanted, actorOf(access));
      return { command: toDeviceCommandView(placed.command), created: placed.created };
    },

    async get(access: Access, commandId: string): Promise<DeviceCommandView> {
      const command = await store.getDeviceCommand(commandId);
      if (!command) throw new AppError('COMMAND_NOT_FOUND');
      // A responder reads back what they asked for (the position); nobody else's.
      if (access.role === 'responder' && command.createdBy === actorOf(access)) return toDeviceCommandView(command);
      requireRole(access, DESK_ROLES);
      requireInScope(access, await regionPathOf(command.elderId));
      return toDeviceCommandView(command);
    },

    async list(access: Access, deviceId: string, query: { limit: number; cursor?: string | undefined }): Promise<{ items: DeviceCommandView[]; nextCursor: string | null }> {
      await deviceFor(access, deviceId);
      const beforeSeq = query.cursor === undefined ? undefined : Number(query.cursor);
      if (beforeSeq !== undefined && !Number.isSafeInteger(beforeSeq)) throw new AppError('REQUEST_INVALID', 'cursor is not one this list gave');
      const rows = await store.listDeviceCommands({ deviceId, limit: query.limit + 1, ...(beforeSeq === undefined ? {} : { beforeSeq }) });
      const shown = rows.slice(0, query.limit);
      const last = shown.at(-1);
      return { items: shown.map(toDeviceCommandView), nextCursor: rows.length > query.limit && last ? String(last.seq) : null };
    },
  };
}

export type DeviceCommandsService = ReturnType<typeof createDeviceCommandsService>;
