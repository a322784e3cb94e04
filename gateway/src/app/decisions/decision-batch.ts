import type { Decision } from '../../core/decisions.js';
import type { Deadline } from '../../core/deadline.js';
import { emptyCommitBatch, type CommitBatch } from '../ports/store/decisions.port.js';

// Turns a rule's decisions into one commit batch: what is written together, the notifications to send included (they
// go into the outbox with their cause, so a crash after the commit cannot lose them).

export interface BatchContext {
  elderId: string;
  now: number;
  /** Who acted, for the audit lines of tasks a rule created (a device, the gateway, a person). */
  actor: string;
  /** Ids of the notifications, stable across resends: the idempotency key a receiver drops a resend by. */
  newId: () => string;
}

export interface DecisionBatch {
  batch: CommitBatch;
  ignores: string[];
  /** An alert or task changes: commit with the alarm durability. */
  alarm: boolean;
  /** Devices heard from with nothing to store: their in-memory last-seen time moves, nothing is written. */
  seen: Array<{ deviceId: string; at: number }>;
}

export function batchOf(decisions: readonly Decision[], ctx: BatchContext): DecisionBatch {
  const batch = emptyCommitBatch();
  const ignores: string[] = [];
  const seen: DecisionBatch['seen'] = [];
  // A rule may disarm and re-arm the same key in one run; the last word counts. Likewise rule memory.
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
        batch.audit.push({ at: ctx.now, actor: ctx.actor, action: 'created', entityType: 'task', entityId: d.task.id, detail: { kind: d.task.kind, reason: d.task.reason } });
        break;
      case 'updateTask':
        batch.taskUpdates.push({ task: d.task, expectedStatus: d.previousStatus });
        batch.audit.push({
          at: ctx.now,
          actor: d.entry.actor,
          action: d.entry.action,
          entityType: 'task',
          entityId: d.task.id,
          detail: { from: d.previousStatus, to: d.task.status, note: d.entry.note },
        });
        break;
      case 'arm':
        deadlines.set(d.deadline.key, d.deadline);
        break;
      case 'disarm':
        deadlines.set(d.key, null);
        break;
      case 'setState':
        states.set(d.key, { elderId: ctx.elderId, key: d.key, value: d.value });
        break;
      case 'presence':
        batch.presence.push({ deviceId: d.deviceId, online: d.presence.online, battery: d.presence.battery, lastSeenAt: d.presence.lastSeenAt });
        break;
      case 'seen':
        seen.push({ deviceId: d.deviceId, at: d.at });
        break;
      case 'notify':
        batch.notifications.push({ id: ctx.newId(), createdAt: ctx.now, notification: d.notification });
        break;
      case 'ignore':
        ignores.push(d.reason);
        break;
    }
  }
  for (const [key, deadline] of deadlines) {
    if (deadline) batch.arm.push(deadline);
    else batch.disarm.push(key);
  }
  batch.ruleStates = [...states.values()];
  const alarm = batch.alerts.length + batch.tasks.length + batch.taskUpdates.length > 0;
  return { batch, ignores, alarm, seen };
}

/** On every telemetry message: sums, not arrays, to allocate nothing. */
export const isEmptyBatch = (b: CommitBatch): boolean =>
  !b.message &&
  !b.claim &&
  !b.deviceEvent &&
  b.alerts.length + b.tasks.length + b.taskUpdates.length + b.audit.length + b.arm.length + b.disarm.length === 0 &&
  b.ruleStates.length + b.presence.length + b.notifications.length === 0;
