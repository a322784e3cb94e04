import type { ElderExportQuery } from '../../../../schemas/index.js';
import type { ReportSheet } from '../../core/reports/alarm-report-sheets.js';
import { registryCsv, registrySheet, type RegistryRow } from '../../core/ledger/registry-sheet.js';
import { localDay } from '../../core/local-time.js';
import { actorOf, DESK_ROLES, requireRole, type Access } from '../access.js';
import type { RegionDirectory } from '../directories/region-directory.js';
import type { AuditStore } from '../ports/store/audit.port.js';
import type { ElderRecord, ElderStore } from '../ports/store/elders.port.js';
import { elderListFilter } from '../elder-list-filter.js';

// The registry of the person's region as one file (GET /elders/export): every elder the list's filters select, with
// ID numbers in full. Who exported how many, with which filters, goes to the audit log before the file leaves.

export interface RegistryExportDeps {
  store: ElderStore & AuditStore;
  regions: RegionDirectory;
  clock: () => number;
  utcOffsetMinutes: number;
}

export function createRegistryExport(deps: RegistryExportDeps) {
  const { store, regions, clock } = deps;

  function row(e: ElderRecord): RegistryRow {
    const region = regions.get(e.regionId);
    const parent = region?.parentId ? regions.get(region.parentId) : undefined;
    return {
      name: e.name, idNumber: e.idNumber, sex: e.sex, birthDate: e.birthDate, phone: e.phone, address: e.address,
      // The town is the community's parent; an elder placed at the root (no community) has neither.
      town: parent && parent.parentId !== null ? parent.name : '',
      community: region && region.parentId !== null ? region.name : '',
      groups: e.groups, assessment: e.assessment, contacts: e.contacts, location: e.location,
    };
  }

  return {
    /** The file as CSV text, or as the sheet the HTTP adapter writes as a workbook (format=xlsx), and its name. */
    async export(access: Access, query: ElderExportQuery): Promise<{ csv: string | null; sheet: ReportSheet | null; fileName: string; count: number }> {
      requireRole(access, DESK_ROLES);
      const today = localDay(clock(), deps.utcOffsetMinutes);
      const { format, ...filters } = query;
      const elders = await store.listElders(elderListFilter(access, filters, regions, today));
      await store.appendAudit({
        at: clock(), actor: actorOf(access), action: 'registry_exported', entityType: 'region', entityId: access.regionId,
        detail: { count: elders.length, format, filters: Object.keys(filters).filter((k) => filters[k as keyof typeof filters] !== undefined) },
      });
      const rows = elders.map(row);
      const fileName = `名册-${today.replaceAll('-', '')}`;
      if (format === 'xlsx') return { csv: null, sheet: registrySheet(rows), fileName, count: elders.length };
      return { csv: registryCsv(rows), sheet: null, fileName, count: elders.length };
    },
  };
}

export type RegistryExport = ReturnType<typeof createRegistryExport>;
