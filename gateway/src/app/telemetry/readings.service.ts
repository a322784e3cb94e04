import { METRICS, type DeviceKind, type MetricName, type ReadingSeries, type ReadingsReply } from '../../../../schemas/index.js';
import { DESK_ROLES, requireInScope, requireRole, type Access } from '../access.js';
import type { DeviceRegistry } from '../directories/device-registry.js';
import { AppError } from '../errors.js';
import type { RegionDirectory } from '../directories/region-directory.js';
import type { RecentReadings } from '../ports/telemetry-sink.port.js';
import type { DeviceStore } from '../ports/store/devices.port.js';
import type { ElderStore } from '../ports/store/elders.port.js';

// The history API: a device's or an elder's recent readings, served from the recent window (never from InfluxDB,
// so the desk's charts do not depend on it). Scoped like every record: outside your region is 403.

export interface ReadingsQuery {
  from?: string | undefined;
  to?: string | undefined;
  metric?: MetricName | undefined;
}

export function createReadingsService(deps: {
  store: ElderStore & Pick<DeviceStore, 'getDevice'>;
  registry: DeviceRegistry;
  regions: RegionDirectory;
  recent: RecentReadings;
  clock: () => number;
  windowMs: number;
}) {
  const { store, registry, regions, recent, clock } = deps;

  function rangeOf(query: ReadingsQuery): { from: number; to: number } {
    const to = query.to === undefined ? clock() : Date.parse(query.to);
    const from = query.from === undefined ? to - deps.windowMs : Date.parse(query.from);
    if (from > to) throw new AppError('READINGS_RANGE_INVALID');
    return { from, to };
  }

  async function elderInScope(access: Access, elderId: string): Promise<void> {
    const elder = await store.getElder(elderId);
    if (!elder) throw new AppError('ELDER_NOT_FOUND');
    requireInScope(access, regions.pathOf(elder.regionId) ?? '');
  }

  function seriesOf(device: { id: string; kind: DeviceKind }, range: { from: number; to: number }, metric: MetricName | undefined): ReadingSeries[] {
    const deviceId = device.id;
    return recent.readings(deviceId, range.from, range.to, metric).map((s) => ({
      deviceId,
      deviceKind: device.kind,
      metric: s.metric,
      unit: METRICS[s.metric].unit,
      points: s.points,
    }));
  }

  const reply = (range: { from: number; to: number }, series: ReadingSeries[]): ReadingsReply => ({
    from: new Date(range.from).toISOString(),
    to: new Date(range.to).toISOString(),
    series,
  });

  return {
    async deviceReadings(access: Access, deviceId: string, query: ReadingsQuery): Promise<ReadingsReply> {
      requireRole(access, DESK_ROLES);
      // A retired device is no longer in the registry; its last readings still read (issue 22).
      const device = registry.get(deviceId) ?? (await store.getDevice(deviceId));
      if (!device) throw new AppError('DEVICE_NOT_FOUND');
      await elderInScope(access, device.elderId);
      const range = rangeOf(query);
      return reply(range, seriesOf(device, range, query.metric));
    },

    /** Every device of the elder, one series per device and metric. */
    async elderReadings(access: Access, elderId: string, query: ReadingsQuery): Promise<ReadingsReply> {
      requireRole(access, DESK_ROLES);
      await elderInScope(access, elderId);
      const range = rangeOf(query);
      return reply(range, registry.ofElder(elderId).flatMap((d) => seriesOf(d, range, query.metric)));
    },
  };
}

export type ReadingsService = ReturnType<typeof createReadingsService>;
