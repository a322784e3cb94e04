import type { Logger } from 'pino';
import { followUpsOf } from '../../core/alerts/alert-follow-ups.js';
import { SYSTEM_ACTOR } from '../../core/alerts/alert.js';
import type { Decision } from '../../core/decisions.js';
import { deadlineKey, type Deadline } from '../../core/deadline.js';
import type { ElderState } from '../../core/elder-state.js';
import type { CareDirectory } from '../directories/care-directory.js';
import type { ClusterLink } from '../ports/cluster.port.js';
import type { createChangeAnnouncer } from './change-announcer.js';
import { batchOf, isEmptyBatch, type DecisionBatch } from './decision-batch.js';
import type { DeviceRegistry } from '../directories/device-registry.js';
import type { ElderStateBuilder } from './elder-state-builder.js';
import type { KeyedSerialQueue } from './keyed-serial-queue.js';
import type { DecisionMetrics } from '../ports/metrics.port.js';
import type { NotificationOutbox } from '../notifications/notification-outbox.js';
import { emptyCommitBatch, type CommitBatch, type CommitOutcome, type DecisionStore } from '../ports/store/decisions.port.js';
import type { DeviceEventRecord } from '../ports/store/devices.port.js';
import { StoreConflictError } from '../ports/store/store.port.js';

/** Keys of the stored heartbeat timeouts: `device_silent` + the device id. */
const SILENT_PREFIX = deadlineKey('device_silent', '');

// Carries decisions out. For one elder at a time (a serial queue per elder): assemble the state the rules read, let a
// pure function decide (a device rule, a fired deadline, a person's action), add what follows from any alert change
// (escalation deadlines, notifications), commit everything in one transaction (the notifications into the outbox,
// so that they go out even if the process dies right after), and only then update the in-memory caches, tell the
// desks and wake the outbox's sender. A rule that changes nothing writes nothing, so high-rate telemetry costs no I/O.

export interface RuleRun {
  elderId: string;
  /** The device that spoke; null for elder-level work (a deadline, a person's action, the end of an away state). */
  deviceId: string | null;
  evaluate: (state: ElderState, now: number) => Decision[];
  /** Who acts, for audit lines; defaults to the device, or the gateway itself. */
  actor?: string;
  /** Load the responders near the elder into the state (decisions that may dispatch on their own). */
  withResponders?: boolean;
  /**
   * Idempotency record. 'always': events, whose redelivery must change nothing even when they decided nothing;
   * 'when_alarm': status and telemetry, recorded only when they raise or change an alert or task.
   * 'when_written': recorded only when the run writes anything else (an over-rate life-safety repeat that was merged
   * into its open alert writes no row at all). The device event is kept only when the message is.
   */
  message?: { deviceId: string; msgId: string; record: 'always' | 'when_alarm' | 'when_written' };
  claim?: Deadline;
  deviceEvent?: Omit<DeviceEventRecord, 'receivedAt'>;
}

export interface RuleRunnerDeps {
  store: DecisionStore;
  registry: DeviceRegistry;
  directory: CareDirectory;
  states: ElderStateBuilder;
  announce: ReturnType<typeof createChangeAnnouncer>;
  /** Woken after a commit that stored notifications: it sends them at once. */
  outbox: Pick<NotificationOutbox, 'wake'>;
  metrics: DecisionMetrics;
  queue: KeyedSerialQueue;
  cluster: ClusterLink;
  clock: () => number;
  newId: () => string;
  logger: Logger;
}

const MAX_ATTEMPTS = 3;

export function createRuleRunner(deps: RuleRunnerDeps) {
  const { store, registry, directory, metrics, clock } = deps;

  function applyToCaches(elderId: string, batch: CommitBatch): void {
    const care = directory.get(elderId);
    for (const s of batch.ruleStates) {
      if (s.value === null) care?.ruleStates.delete(s.key);
      else care?.ruleStates.set(s.key, s.value);
    }
    for (const p of batch.presence) {
      const device = registry.get(p.deviceId);
      if (device) device.presence = { online: p.online, battery: p.battery, lastSeenAt: p.lastSeenAt, silentDueAt: device.presence?.silentDueAt };
    }
    // Mirror when the stored heartbeat timeout falls due, so the status rule knows whether it must be moved. Not
    // with several instances: another one may move or fire it unseen, so every heartbeat moves it in the store.
    if (deps.cluster.shared) return;
    const silentGone = (key: string) => {
      const device = key.startsWith(SILENT_PREFIX) ? registry.get(key.slice(SILENT_PREFIX.length)) : undefined;
      if (device?.presence) device.presence.silentDueAt = undefined;
    };
    if (batch.claim) silentGone(batch.claim.key);
    batch.disarm.forEach(silentGone);
    for (const d of batch.arm) {
      const device = d.kind === 'device_silent' && d.deviceId ? registry.get(d.deviceId) : undefined;
      if (device?.presence) device.presence.silentDueAt = d.dueAt;
    }
  }

  /** Heartbeats that changed nothing stored: only the in-memory last-seen time moves. */
  function applySeen(seen: DecisionBatch['seen']): void {
    for (const s of seen) {
      const presence = registry.get(s.deviceId)?.presence;
      if (presence && s.at > presence.lastSeenAt) presence.lastSeenAt = s.at;
    }
  }

  /** What the rules decide on the state as it is now; null when the elder is gone. Writes nothing. */
  async function decide(run: RuleRun, fresh: boolean) {
    const now = clock();
    const state = await deps.states.build(run.elderId, run.deviceId, now, { withResponders: run.withResponders ?? false, freshRuleStates: fresh });
    if (!state) return null;
    const decided = run.evaluate(state, now);
    const followUps = followUpsOf(decided, state, now);
    const decisions = followUps.length === 0 ? decided : [...decided, ...followUps];
    const actor = run.actor ?? (run.deviceId ? `device:${run.deviceId}` : SYSTEM_ACTOR);
    const decision = batchOf(decisions, { elderId: run.elderId, now, actor, newId: deps.newId });
    const { batch, alarm } = decision;
    const record = run.message?.record;
    if (run.message && (record === 'always' || alarm || (record === 'when_written' && !isEmptyBatch(batch)))) {
      batch.message = { deviceId: run.message.deviceId, msgId: run.message.msgId, receivedAt: now };
    }
    if (run.claim) batch.claim = { key: run.claim.key, dueAt: run.claim.dueAt };
    if (run.deviceEvent && (record !== 'when_written' || batch.message)) batch.deviceEvent = { ...run.deviceEvent, receivedAt: now };
    return decision;
  }

  type Decided = Awaited<ReturnType<typeof decide>>;

  /** Commits what was decided, then updates the caches, tells the desks and wakes the notification sender. */
  async function carryOut(run: RuleRun, decision: Decided): Promise<CommitOutcome> {
    if (!decision) {
      // The elder is gone (never happens today: elders are not deleted); a fired deadline for it is dropped.
      if (run.claim) await store.commit({ ...emptyCommitBatch(), claim: { key: run.claim.key, dueAt: run.claim.dueAt } }, 'routine');
      return 'committed';
    }
    const { batch, ignores, alarm, seen } = decision;
    for (const reason of ignores) metrics.ruleIgnores.inc({ reason });
    applySeen(seen);
    if (isEmptyBatch(batch)) return 'committed';
    const stopTimer = alarm ? metrics.alertCommitSeconds.startTimer() : null;
    let outcome: CommitOutcome;
    try {
      // A notification is as durable as an alarm: the family must hear of an SOS that a power cut followed.
      outcome = await store.commit(batch, alarm || batch.notifications.length > 0 ? 'alarm' : 'routine');
    } finally {
      // Whatever the outcome, the elder's open alerts and tasks are read again before the next decision.
      if (alarm) deps.states.forgetOpenItems(run.elderId);
    }
    stopTimer?.();
    if (outcome !== 'committed') return outcome;
    applyToCaches(run.elderId, batch);
    if (batch.presence.length > 0) deps.cluster.publish({ kind: 'presence', elderId: run.elderId, presence: batch.presence });
    if (batch.notifications.length > 0) deps.outbox.wake();
    await deps.announce(run.elderId, batch);
    return outcome;
  }

  async function attempt(run: RuleRun, fresh: boolean): Promise<CommitOutcome> {
    return carryOut(run, await decide(run, fresh));
  }

  /**
   * With several instances, another one may be deciding for the same elder. Most messages (telemetry in range, a
   * routine heartbeat) decide nothing, and need no lock; a run that would write decides again under the elder's
   * cluster-wide lock, on rule memory read fresh from the store, so two instances never interleave on one elder.
   */
  async function attemptShared(run: RuleRun): Promise<CommitOutcome> {
    const tentative = await decide(run, false);
    if (tentative && isEmptyBatch(tentative.batch)) return carryOut(run, tentative);
    return deps.cluster.exclusive(`elder:${run.elderId}`, () => attempt(run, true));
  }

  return {
    /** Runs after everything queued before it for the same elder. Rejects when the store fails or `evaluate` throws. */
    run(run: RuleRun): Promise<CommitOutcome> {
      return deps.queue.run(run.elderId, async () => {
        for (let n = 1; ; n++) {
          try {
            return await (deps.cluster.shared ? attemptShared(run) : attempt(run, false));
          } catch (err) {
            // Somebody moved an alert or task between our read and our write: decide again on fresh state.
            if (!(err instanceof StoreConflictError) || n >= MAX_ATTEMPTS) throw err;
            metrics.commitConflicts.inc();
          }
        }
      });
    },
  };
}

export type RuleRunner = ReturnType<typeof createRuleRunner>;
