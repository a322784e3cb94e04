import type { Logger } from 'pino';
import type { CareDirectory } from '../directories/care-directory.js';
import type { ElderLookupIndex } from '../directories/elder-lookup-index.js';
import type { ClusterEnvelope, ClusterLink } from '../ports/cluster.port.js';
import type { DeviceRegistry } from '../directories/device-registry.js';
import type { LiveEvent, LiveEventFeed } from '../ports/live-events.port.js';
import type { RegionDirectory } from '../directories/region-directory.js';
import type { SessionRevocations } from '../directories/session-revocations.js';
import { toAlertView, toTaskView } from '../views.js';
import type { AlertStore } from '../ports/store/alerts.port.js';
import type { DeviceStore } from '../ports/store/devices.port.js';
import type { ElderStore } from '../ports/store/elders.port.js';
import type { RegionStore } from '../ports/store/regions.port.js';
import type { TaskStore } from '../ports/store/tasks.port.js';

// Keeps this instance in step with the others (cluster.port.ts): desk events they announce reach this instance's
// desks, records they change are read again, presence they commit is mirrored, and the desks they serve count
// towards "somebody is watching", and sessions they ended close their websockets here. And the other way round: what
// happens here is told to them.

/** Desk events that describe the shared state; the heartbeat is each instance's own. */
const SHARED_EVENTS: ReadonlySet<LiveEvent['type']> = new Set(['alert.raised', 'alert.updated', 'alert.escalated', 'task.created', 'task.updated', 'device.status']);

/** PostgreSQL's NOTIFY carries at most 8,000 bytes; larger events travel as a reference to the store. */
const MAX_INLINE_EVENT_BYTES = 7000;

/** Session ids per cluster message: NOTIFY carries at most 8,000 bytes. */
const REVOKED_IDS_PER_MESSAGE = 100;

/** Another instance's desks are believed this long after it told them. */
const DESK_COUNT_TTL_MS = 15_000;

export function startClusterSync(deps: {
  cluster: ClusterLink;
  store: AlertStore & DeviceStore & ElderStore & RegionStore & TaskStore;
  registry: DeviceRegistry;
  directory: CareDirectory;
  elderLookupIndex: ElderLookupIndex;
  regions: RegionDirectory;
  live: LiveEventFeed;
  revocations: SessionRevocations;
  clock: () => number;
  /** Sends every desk a fresh snapshot. */
  refreshDesks: () => void;
  logger: Logger;
}) {
  const { cluster, store, registry, directory, regions, live, clock } = deps;
  const logger = deps.logger.child({ module: 'cluster-sync' });
  const remoteDesks = new Map<string, { paths: Record<string, number>; at: number }>();

  deps.revocations.subscribe(({ userId, sessionIds }, origin) => {
    if (!cluster.shared || origin !== 'local') return;
    for (let i = 0; i < sessionIds.length; i += REVOKED_IDS_PER_MESSAGE) {
      cluster.publish({ kind: 'sessions-revoked', userId, sessionIds: sessionIds.slice(i, i + REVOKED_IDS_PER_MESSAGE) });
    }
  });

  // Alone (the embedded default) there is nobody to tell: no event is serialised for it on the alarm path.
  live.subscribe((event, origin) => {
    if (!cluster.shared || origin !== 'local' || !SHARED_EVENTS.has(event.type)) return;
    if (Buffer.byteLength(JSON.stringify(event)) <= MAX_INLINE_EVENT_BYTES) return cluster.publish({ kind: 'live', event });
    if (event.type === 'alert.raised' || event.type === 'alert.updated') cluster.publish({ kind: 'live-ref', type: event.type, id: event.alert.id });
    else if (event.type === 'task.created' || event.type === 'task.updated') cluster.publish({ kind: 'live-ref', type: event.type, id: event.task.id });
  });

  async function apply({ from, message }: ClusterEnvelope): Promise<void> {
    switch (message.kind) {
      case 'live':
        return live.publish(message.event, 'remote');
      case 'live-ref': {
        if (message.type === 'alert.raised' || message.type === 'alert.updated') {
          const alert = await store.getAlert(message.id);
          if (alert) live.publish({ type: message.type, alert: toAlertView(alert) }, 'remote');
        } else {
          const task = await store.getTask(message.id);
          if (task) live.publish({ type: message.type, task: toTaskView(task) }, 'remote');
        }
        return;
      }
      case 'presence':
        for (const p of message.presence) {
          const device = registry.get(p.deviceId);
          if (device && p.lastSeenAt >= (device.presence?.lastSeenAt ?? 0)) device.presence = { online: p.online, battery: p.battery, lastSeenAt: p.lastSeenAt };
        }
        return;
      case 'reload':
        if (message.entity === 'device') {
          const record = await store.getDevice(message.id);
          if (record) registry.add(record);
        } else if (message.entity === 'elder') {
          const record = await store.getElder(message.id);
          if (record) {
            directory.putElder(record);
            deps.elderLookupIndex.put(record);
          }
        } else {
          const record = (await store.listRegions()).find((r) => r.id === message.id);
          if (record) regions.add(record);
        }
        return;
      case 'desks':
        // An instance of an older version tells a count without regions: none of its desks can be placed.
        remoteDesks.set(from, { paths: typeof message.paths === 'object' && message.paths !== null ? message.paths : {}, at: clock() });
        return;
      case 'sessions-revoked':
        return deps.revocations.announce({ userId: message.userId, sessionIds: message.sessionIds }, 'remote');
      case 'member-lost':
        // The lost instance may have committed alerts it never announced; the snapshot has them.
        return deps.refreshDesks();
      case 'reclaim':
        return;
    }
  }

  cluster.subscribe((envelope) => {
    apply(envelope).catch((err: unknown) => logger.error({ err, kind: envelope.message.kind, from: envelope.from }, 'cluster message not applied'));
  });

  return {
    /** Region paths of the desks watching through the other instances, as they last told. */
    remoteDeskPaths(): string[] {
      const now = clock();
      const paths: string[] = [];
      for (const [instance, seen] of remoteDesks) {
        if (now - seen.at > DESK_COUNT_TTL_MS) remoteDesks.delete(instance);
        else for (const [path, n] of Object.entries(seen.paths)) for (let i = 0; i < n; i += 1) paths.push(path);
      }
      return paths;
    },
    tellDeskPaths(paths: readonly string[]): void {
      const counts: Record<string, number> = {};
      for (const path of paths) counts[path] = (counts[path] ?? 0) + 1;
      cluster.publish({ kind: 'desks', paths: counts });
    },
  };
}

export type ClusterSync = ReturnType<typeof startClusterSync>;
