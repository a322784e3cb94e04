import type { Logger } from 'pino';
import type { z } from 'zod';
import type { deviceImportReplySchema, DeviceKind } from '../../../../../schemas/index.js';
import { checkDeviceRows, type CheckedDeviceRow, type DeviceFileRow, type ElderMatch } from '../../../core/device-lifecycle/device-import-rows.js';
import { evaluateDeviceInstalled } from '../../../core/evaluate.js';
import { actorOf, DESK_ROLES, inScope, requireRole, type Access } from '../../access.js';
import type { RuleRunner } from '../../decisions/rule-runner.js';
import type { DeviceRegistry } from '../../directories/device-registry.js';
import type { RegionDirectory } from '../../directories/region-directory.js';
import { AppError } from '../../errors.js';
import { newDeviceRecord } from '../../new-device.js';
import type { ClusterLink } from '../../ports/cluster.port.js';
import type { AuditStore } from '../../ports/store/audit.port.js';
import type { DeviceRecord, DeviceStore } from '../../ports/store/devices.port.js';
import type { ElderImportStore } from '../../ports/store/elder-import.port.js';
import type { ElderRecord, ElderStore } from '../../ports/store/elders.port.js';
import { StoreConflictError } from '../../ports/store/store.port.js';
import { deviceImportTemplateCsv } from './device-import-template.js';
import { readDeviceFile } from './read-device-file.js';

// Registering many devices from one file (POST /device-imports): every row checked (the dry run, the default),
// then, only when no row has a problem, all registered in one transaction, added to the registry the broker reads,
// and each secret returned this once. A file with a bad row writes nothing. Unlike the elder import this is no job:
// a few thousand rows check and write within the request.

type DeviceImportReply = z.infer<typeof deviceImportReplySchema>;

/** Kinds whose installation starts a clock of the elder's (device-installed.rule.ts). */
const WATCHED_FROM_INSTALLATION: ReadonlySet<DeviceKind> = new Set(['motion_sensor', 'door_sensor']);

export interface DeviceImportDeps {
  store: AuditStore & DeviceStore & ElderStore & Pick<ElderImportStore, 'findEldersByIdNumbers'>;
  registry: DeviceRegistry;
  regions: RegionDirectory;
  rules: RuleRunner;
  cluster: ClusterLink;
  clock: () => number;
  newId: () => string;
  logger: Logger;
}

const rowView = (row: CheckedDeviceRow): DeviceImportReply['rows'][number] => ({
  line: row.line,
  id: row.id,
  kind: row.kind,
  elderId: row.elderId,
  room: row.room,
  error: row.error,
});

export function createDeviceImportService(deps: DeviceImportDeps) {
  const { store, regions } = deps;
  const logger = deps.logger.child({ module: 'device-import' });

  /** What the store knows about the elders and ids the file names, asked once per distinct value. */
  async function factsFor(access: Access, rows: readonly DeviceFileRow[]) {
    const match = (e: ElderRecord): ElderMatch => ({ id: e.id, inScope: inScope(access, regions.pathOf(e.regionId) ?? '\u0000') });
    const byId = new Map<string, ElderMatch>();
    for (const id of new Set(rows.flatMap((r) => (r.cells.elderId === undefined ? [] : [r.cells.elderId])))) {
      const elder = await store.getElder(id);
      if (elder) byId.set(id, match(elder));
    }
    const idNumbers = [...new Set(rows.flatMap((r) => (r.cells.elderId === undefined && r.cells.elderIdNumber !== undefined ? [r.cells.elderIdNumber.toUpperCase()] : [])))];
    const byIdNumber = new Map<string, ElderMatch[]>();
    for (const elder of idNumbers.length === 0 ? [] : await store.findEldersByIdNumbers(idNumbers)) {
      if (elder.idNumber === null) continue;
      byIdNumber.set(elder.idNumber, [...(byIdNumber.get(elder.idNumber) ?? []), match(elder)]);
    }
    const taken = new Set<string>();
    for (const id of new Set(rows.flatMap((r) => (r.cells.id === undefined ? [] : [r.cells.id])))) {
      if (id.length <= 64 && (await store.getDevice(id))) taken.add(id);
    }
    return {
      elderById: (id: string) => byId.get(id),
      eldersByIdNumber: (idNumber: string) => byIdNumber.get(idNumber) ?? [],
      idTaken: (id: string) => taken.has(id),
    };
  }

  /** All rows in one transaction; then the registry, the other instances and the elders' clocks follow. */
  async function register(access: Access, checked: readonly CheckedDeviceRow[]) {
    const now = deps.clock();
    const made = checked.map((row) => newDeviceRecord({ id: row.id ?? undefined, elderId: row.elderId!, kind: row.kind as DeviceKind, room: row.room, model: row.model }, now));
    const records: DeviceRecord[] = made.map((m) => m.record);
    try {
      await store.createDevices(records);
    } catch (err) {
      // Another import or registration took an id since the check.
      if (err instanceof StoreConflictError) throw new AppError('DEVICE_ID_TAKEN', 'a device id of the file was registered meanwhile: check the file again');
      throw err;
    }
    for (const record of records) {
      deps.registry.add(record);
      deps.cluster.publish({ kind: 'reload', entity: 'device', id: record.id });
    }
    await store.appendAudit({
      at: now,
      actor: actorOf(access),
      action: 'imported',
      entityType: 'device',
      entityId: `import-${deps.newId()}`,
      detail: { count: records.length, ids: records.map((r) => r.id) },
    });
    for (const record of records.filter((r) => WATCHED_FROM_INSTALLATION.has(r.kind))) {
      await deps.rules
        .run({ elderId: record.elderId, deviceId: record.id, actor: actorOf(access), evaluate: (state, t) => evaluateDeviceInstalled(state, t) })
        .catch((err: unknown) => logger.warn({ err, deviceId: record.id }, "the elder's clock did not start with the imported sensor; its first event starts it"));
    }
    return made;
  }

  return {
    async run(access: Access, input: { dryRun: boolean }, bytes: Buffer): Promise<DeviceImportReply> {
      requireRole(access, DESK_ROLES);
      const rows = readDeviceFile(bytes);
      const checked = checkDeviceRows(rows, await factsFor(access, rows));
      const invalidRows = checked.filter((r) => r.error !== null).length;
      if (input.dryRun || invalidRows > 0) return { dryRun: input.dryRun, rows: checked.map(rowView), invalidRows, created: [] };
      const made = await register(access, checked);
      logger.info({ devices: made.length, actor: actorOf(access) }, 'devices registered from a file');
      return {
        dryRun: false,
        rows: checked.map((row, i) => rowView({ ...row, id: made[i]!.record.id })),
        invalidRows: 0,
        created: made.map(({ record, secret }) => ({ id: record.id, kind: record.kind, elderId: record.elderId, secret })),
      };
    },

    template(access: Access): Buffer {
      requireRole(access, DESK_ROLES);
      return deviceImportTemplateCsv();
    },
  };
}

export type DeviceImportService = ReturnType<typeof createDeviceImportService>;
