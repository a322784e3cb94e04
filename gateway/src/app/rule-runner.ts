import type { Logger } from 'pino';
import type { Alert } from '../core/alert.js';
import type { Decision } from '../core/decisions.js';
import type { Deadline } from '../core/deadline.js';
import type { DeviceFacts, ElderState, RuleSettings } from '../core/elder-state.js';
import type { CareDirectory } from './care-directory.js';
import type { DeviceRegistry, RegisteredDevice } from './device-registry.js';
import type { KeyedSerialQueue } from './keyed-serial-queue.js';
import type { LiveEvents } from './live-events.port.js';
import type { Metrics } from './metrics.js';
import { StoreConflictError, type CommitBatch, type CommitOutcome, type DeviceEventRecord, type Store } from './store.port.js';
import { toAlertView, toTaskView } from './views.js';

// Carries rule decisions out. For one elder at a time (a serial queue per elder): assemble the state the rules read,
// let a pure rule decide, commit every resulting change in one transaction, and only then update the in-memory
// caches and tell the desk. A rule that changes nothing writes nothing, so high-rate telemetry costs no I/O.

export interface RuleRun {
  elderId: string;
  /** The device that spoke; null for elder-level work (a fired elder deadline, the end of an away state). */
  deviceId: string | null;
  evaluate: (state: ElderState, now: number) => Decision[];
  /**
   * Idempotency record. 'always': events, whose redelivery must change nothing even when they decided nothing;
   * 'when_alarm': status and telemetry, recorded only when they raise or change an alert or task.
   */
  message?: { deviceId: string; msgId: string; record: 'always' | 'when_alarm' };
  claim?: Deadline;
  deviceEvent?: Omit<DeviceEventRecord, 'receivedAt'>;
}

export interface RuleRunnerDeps {
  store: Store;
  registry: DeviceRegistry;
  directory: CareDirectory;
  live: LiveEvents;
  metrics: Metrics;
  queue: KeyedSerialQueue;
  settings: RuleSettings;
  clock: () => number;
  newId: () => string;
  logger: Logger;
}

const MAX_ATTEMPTS = 3;

export function createRuleRunner(deps: RuleRunnerDeps) {
  const { store, registry, directory, live, metrics, clock } = deps;
  const logger = deps.logger.child({ module: 'rules' });

  const facts = (d: RegisteredDevice, now: number): DeviceFacts => ({
    id: d.id,
    kind: d.kind,
    room: d.room,
    testMode: d.testModeUntil !== null && d.testModeUntil > now,
    presence: d.presence,
  });

  async function buildState(elderId: string, deviceId: string | null, now: number): Promise<ElderState | null> {
    const care = directory.get(elderId);
    if (!care) return null;
    const elderDevices = registry.ofElder(elderId).map((d) => facts(d, now));
    const away = care.away && (care.away.until === null || care.away.until > now) ? { since: care.away.since, until: care.away.until } : null;
    const [openAlerts, openTasks] = await Promise.all([store.findOpenAlerts(elderId), store.findOpenTasks(elderId)]);
    return {
      elder: { id: elderId, riskCategory: care.riskCategory, away },
      device: deviceId === null ? null : (elderDevices.find((d) => d.id === deviceId) ?? null),
      elderDevices,
      thresholds: care.thresholds,
      settings: deps.settings,
      openAlerts,
      openTasks,
      ruleStates: care.ruleStates,
      newId: deps.newId,
    };
  }

  function toBatch(run: RuleRun, decisions: Decision[], now: number): { batch: CommitBatch; alarm: boolean } {
    const batch = emptyBatch();
    // A rule may disarm and re-arm the same key in one run; the last word counts.
    const deadlines = new Map<string, Deadline | null>();
    const states = new Map<string, CommitBatch['ruleStates'][number]>();
    for (const d of decisions) {
      switch (d.kind) {
        case 'raise':
          batch.alerts.push({ kind: 'insert', alert: d.alert, entry: d.entry, expectedStatus: null });
          break;
        case 'update':
          batch.alerts.push({ kind: 'update', alert: d.alert, entry: d.entry, expectedStatus: d.previousStatus });
          break;
        case 'createTask':
          batch.tasks.push(d.task);
          break;
        case 'arm':
          deadlines.set(d.deadline.key, d.deadline);
          break;
        case 'disarm':
          deadlines.set(d.key, null);
          break;
        case 'setState':
          states.set(d.key, { elderId: run.elderId, key: d.key, value: d.value });
          break;
        case 'presence':
          batch.presence.push({ deviceId: d.deviceId, ...d.presence });
          break;
        case 'ignore':
          metrics.ruleIgnores.inc({ reason: d.reason });
          break;
      }
    }
    for (const [key, deadline] of deadlines) {
      if (deadline) batch.arm.push(deadline);
      else batch.disarm.push(key);
    }
    batch.ruleStates = [...states.values()];
    const alarm = batch.alerts.length > 0 || batch.tasks.length > 0;
    if (run.message && (run.message.record === 'always' || alarm)) {
      batch.message = { deviceId: run.message.deviceId, msgId: run.message.msgId, receivedAt: now };
    }
    if (run.claim) batch.claim = { key: run.claim.key, dueAt: run.claim.dueAt };
    if (run.deviceEvent) batch.deviceEvent = { ...run.deviceEvent, receivedAt: now };
    return { batch, alarm };
  }

  const isEmpty = (b: CommitBatch): boolean =>
    !b.message && !b.claim && !b.deviceEvent && b.alerts.length + b.tasks.length + b.arm.length + b.disarm.length + b.ruleStates.length + b.presence.length === 0;

  function applyToCaches(run: RuleRun, batch: CommitBatch): void {
    const care = directory.get(run.elderId);
    for (const s of batch.ruleStates) {
      if (s.value === null) care?.ruleStates.delete(s.key);
      else care?.ruleStates.set(s.key, s.value);
    }
    for (const p of batch.presence) {
      const device = registry.get(p.deviceId);
      if (device) device.presence = { online: p.online, battery: p.battery, lastSeenAt: p.lastSeenAt };
    }
  }

  async function announce(run: RuleRun, batch: CommitBatch): Promise<void> {
    for (const w of batch.alerts) {
      const alert: Alert = w.alert;
      if (w.kind === 'insert') {
        metrics.alertsRaised.inc({ type: alert.type, priority: String(alert.priority) });
        logger.info({ alertId: alert.id, deviceId: alert.deviceId, type: alert.type, test: alert.test }, 'alert raised');
      } else if (w.entry.action === 'cleared') {
        metrics.alertsCleared.inc({ type: alert.type });
        logger.info({ alertId: alert.id, type: alert.type }, 'alert cleared by the gateway');
      }
      const stored = await store.getAlert(alert.id);
      if (stored) live.publish({ type: w.kind === 'insert' ? 'alert.raised' : 'alert.updated', alert: toAlertView(stored) });
    }
    for (const t of batch.tasks) {
      metrics.tasksCreated.inc({ kind: t.kind, reason: t.reason });
      logger.info({ taskId: t.id, kind: t.kind, reason: t.reason, deviceId: t.deviceId }, 'task created');
      const stored = await store.getTask(t.id);
      if (stored) live.publish({ type: 'task.created', task: toTaskView(stored) });
    }
    for (const p of batch.presence) {
      live.publish({
        type: 'device.status',
        device: { deviceId: p.deviceId, elderId: run.elderId, online: p.online, battery: p.battery, lastSeenAt: new Date(p.lastSeenAt).toISOString() },
      });
    }
  }

  async function attempt(run: RuleRun): Promise<CommitOutcome> {
    const now = clock();
    const state = await buildState(run.elderId, run.deviceId, now);
    if (!state) {
      // The elder is gone (never happens today: elders are not deleted); a fired deadline for it is dropped.
      if (run.claim) await store.commit({ ...emptyBatch(), claim: { key: run.claim.key, dueAt: run.claim.dueAt } }, 'routine');
      return 'committed';
    }
    const decisions = run.evaluate(state, now);
    const { batch, alarm } = toBatch(run, decisions, now);
    if (isEmpty(batch)) return 'committed';
    const stopTimer = alarm ? metrics.alertCommitSeconds.startTimer() : null;
    const outcome = await store.commit(batch, alarm ? 'alarm' : 'routine');
    stopTimer?.();
    if (outcome !== 'committed') return outcome;
    applyToCaches(run, batch);
    await announce(run, batch);
    return outcome;
  }

  return {
    /** Runs after everything queued before it for the same elder. Rejects only when the store fails. */
    run(run: RuleRun): Promise<CommitOutcome> {
      return deps.queue.run(run.elderId, async () => {
        for (let n = 1; ; n++) {
          try {
            return await attempt(run);
          } catch (err) {
            // An operator moved an alert between our read and our write: decide again on fresh state.
            if (!(err instanceof StoreConflictError) || n >= MAX_ATTEMPTS) throw err;
            metrics.commitConflicts.inc();
          }
        }
      });
    },
  };
}

function emptyBatch(): CommitBatch {
  return { message: null, claim: null, deviceEvent: null, alerts: [], tasks: [], arm: [], disarm: [], ruleStates: [], presence: [] };
}

export type RuleRunner = ReturnType<typeof createRuleRunner>;
