// Deadlines are data (docs/decisions/0005-deadlines-are-data.md): a rule that needs to act later returns an `arm` decision; the store
// keeps it; the scheduler hands it back to the rule when due. Firing deletes it in the same transaction as its
// effects, so a restart neither forgets a deadline nor fires it twice.

export const DEADLINE_KINDS = [
  /** The connection dropped; if the device is not back by then, it is offline. */
  'device_offline_confirm',
  /** Connected but silent: no status message since the last one plus the heartbeat timeout. */
  'device_silent',
  /** The next periodic test signal is due (interval plus grace). */
  'test_signal_due',
  /** A wearable was taken off and must be back on by then. */
  'wearable_not_worn',
  /** Out of bed at night; back in bed by then or the desk is told. */
  'bed_return',
  /** No motion anywhere, counting daytime only. */
  'inactivity',
  /** Last motion in the bathroom, nothing elsewhere since. */
  'bathroom_stay',
  /** The entrance door did not open. */
  'door_idle',
  /** A wearable crossed a fence; still on the same side by then, the crossing counts (data.side, data.fence). */
  'geofence_settle',
  /** Out of bed at night and out of the door (or the home fence); back by then or it is night wandering. */
  'night_wandering_return',
  /** A fall was raised; some motion or wearable movement by then, or the desk is told again. */
  'fall_no_movement',
  /** An alert not acknowledged by then is escalated (data.level: 1 re-alert the desk, 2 the supervisor tier). */
  'alert_escalation',
  /** A dispatched responder who has not accepted by then is passed over for the next one. */
  'dispatch_accept',
  /** An accepted responder not on site by then: the alert is flagged. */
  'arrival_due',
  /** An alert on hold returns to the queue. */
  'hold_expiry',
] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

export type DeadlineData = Record<string, string | number | boolean | null>;

export interface Deadline {
  /** Unique: arming the same key again moves the deadline. */
  key: string;
  kind: DeadlineKind;
  elderId: string;
  deviceId: string | null;
  dueAt: number;
  data: DeadlineData;
}

/** One deadline per kind and subject (the device for device deadlines, the elder for elder deadlines). */
export const deadlineKey = (kind: DeadlineKind, subjectId: string): string => `${kind}:${subjectId}`;
