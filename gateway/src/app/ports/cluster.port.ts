import type { LiveEvent } from './live-events.port.js';
import type { CommitBatch } from './store/decisions.port.js';

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
  /**
   * The desks connected to that instance, counted per region path (desk-watch asks whether a desk can see each P1);
   * per path, so that a centre of many desks fits one message.
   */
  | { kind: 'desks'; paths: Record<string, number> }
  /** Sessions that ended early on that instance: their websockets here close too (session-revocations.ts). */
  | { kind: 'sessions-revoked'; userId: string; sessionIds: string[] }
  /** That instance is starting: whoever serves its broker sessions meanwhile hands them back. */
  | { kind: 'reclaim'; instanceId: string }
  /** That instance died: what it committed but had not yet announced is in the store, so desks read it afresh. */
  | { kind: 'member-lost'; instanceId: string };

/** An instance that consumes from the external broker through `consumers` sessions. */
export interface ClusterMember {
  instanceId: string;
  consumers: number;
}

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
  /**
   * Joins as a consumer of the external broker: waits until nobody serves this instance's sessions any more, then
   * holds its membership for as long as it lives.
   */
  join(consumers: number): Promise<void>;
  /** The leader's part: members that are gone and nobody serves; from now on this instance serves them. */
  takeOverLostMembers(): Promise<ClusterMember[]>;
  /** Stops serving a member's sessions (it is back, or this instance stops). */
  handBack(instanceId: string): Promise<void>;
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
    join: () => Promise.resolve(),
    takeOverLostMembers: () => Promise.resolve([]),
    handBack: () => Promise.resolve(),
    close: () => Promise.resolve(),
  };
}
