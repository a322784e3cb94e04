import type { LiveEvent } from './live-events.port.js';
import type { CommitBatch } from './store.port.js';

// Several gateway instances on one PostgreSQL (docs/scale-out.md). What one instance keeps in memory for speed
// (devices, elders, regions, presence) must follow what another instance changed, every desk must see every event,
// work on one elder must not interleave across instances, and stored deadlines must fire on one instance only.
// A single instance (the embedded default) has nobody to tell: `soloCluster` does nothing and always leads.

export type ClusterMessage =
  /** A desk event another instance announced; relayed to this instance's websocket clients. */
  | { kind: 'live'; event: LiveEvent }
  /** An alert or task too large for one cluster message: read it from the store and announce it. */
  | { kind: 'live-ref'; type: 'alert.raised' | 'alert.updated' | 'task.created' | 'task.updated'; id: string }
  /** Presence another instance committed, so this one's device facts stay current. */
  | { kind: 'presence'; elderId: string; presence: CommitBatch['presence'] }
  /** A record another instance changed: read it again from the store. */
  | { kind: 'reload'; entity: 'device' | 'elder' | 'region'; id: string }
  /** How many desks watch through that instance (desk-watch counts the whole centre). */
  | { kind: 'desks'; watching: number };

export interface ClusterEnvelope {
  from: string;
  message: ClusterMessage;
}

export interface ClusterLink {
  readonly instanceId: string;
  /** Tells the other instances; never blocks or throws (a lost message costs freshness, never an alarm). */
  publish(message: ClusterMessage): void;
  /** Messages from the other instances, in the order each one sent them. */
  subscribe(listener: (envelope: ClusterEnvelope) => void): void;
  /** Runs `work` while no other instance runs work under the same key (one elder's read-decide-commit). */
  exclusive<T>(key: string, work: () => Promise<T>): Promise<T>;
  /** Whether this instance runs the cluster's singletons now (the deadline scheduler, the visit schedule). */
  isLeader(): Promise<boolean>;
  /** True when other instances may change the store: caches must be checked against it before deciding. */
  readonly shared: boolean;
  close(): Promise<void>;
}

export function soloCluster(instanceId: string): ClusterLink {
  return {
    instanceId,
    shared: false,
    publish: () => undefined,
    subscribe: () => undefined,
    exclusive: (_key, work) => work(),
    isLeader: () => Promise.resolve(true),
    close: () => Promise.resolve(),
  };
}
