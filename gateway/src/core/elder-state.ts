import type { DeviceKind, Priority, RiskCategory, Thresholds } from '../../../schemas/index.js';
import type { Alert } from './alerts/alert.js';
import type { Task } from './tasks/task.js';

// Everything a rule may know when it decides: the elder, the device that spoke, the elder's other devices, the
// effective thresholds, the open alerts and tasks, and the rules' own memory. The app assembles it; rules only read.

/** Rule memory that must survive a restart: plain JSON values. */
export type RuleStateValue = Record<string, string | number | boolean | null | number[]>;

export interface DevicePresence {
  online: boolean;
  battery: number | null;
  lastSeenAt: number;
  /**
   * When the stored heartbeat timeout (the device_silent deadline) falls due. Held in memory only, mirroring the
   * store; unknown after a restart, so the first status message then stores everything again.
   */
  silentDueAt?: number;
}

export interface DeviceFacts {
  id: string;
  kind: DeviceKind;
  /** Where it is installed ("bathroom", "203"); rules use it for bathroom stays. */
  room: string | null;
  /** In test mode (installer, mass test) until its expiry: alerts are marked test and never dispatched. */
  testMode: boolean;
  presence: DevicePresence | null;
}

export interface ElderFacts {
  id: string;
  /** The elder's community (or higher region when not yet placed). */
  regionId: string;
  riskCategory: RiskCategory;
  /** Out or in hospital: inactivity rules pause. `until` null means until somebody ends it. */
  away: { since: number; until: number | null } | null;
}

/**
 * How alerts are chased (configurable per priority). An unacknowledged alert escalates at each of `ackSeconds`
 * after it was raised (level 1: re-alert the desk; level 2: the supervisor tier). A dispatched responder has
 * `acceptSeconds` to accept; an accepted one `arrivalMinutes` to arrive. A follow-up visit (回访) is due
 * `followUpHours` after a real alarm is resolved.
 */
export interface EscalationPolicy {
  ackSeconds: Record<Priority, readonly number[]>;
  acceptSeconds: number;
  arrivalMinutes: Record<Priority, number>;
  followUpHours: number;
}

/** A responder who could be sent, as the dispatch suggestion weighs them. */
export interface ResponderCandidate {
  id: string;
  displayName: string;
  regionId: string;
  /** In the elder's own community. */
  sameCommunity: boolean;
  /** Named in the elder's record as one of their responders. */
  assignedToElder: boolean;
  onDuty: boolean;
  /** Open alerts dispatched to them plus open tasks assigned to them. */
  openAssignments: number;
}

/** Gateway-wide settings the rules need (from config). */
export interface RuleSettings {
  escalation: EscalationPolicy;
  cancelWindowMs: number;
  /** A connected device that sends no status message for this long is offline. */
  heartbeatTimeoutMs: number;
  /** After a dropped connection, how long before the device counts as offline (brief reconnects are not alarms). */
  offlineGraceMs: number;
  /** The expected interval of periodic test signals, grace included. */
  testSignalIntervalMs: number;
  /** Local time zone as a fixed offset from UTC (China: +480, no daylight saving). */
  utcOffsetMinutes: number;
}

export interface ElderState {
  elder: ElderFacts;
  /** The device the message came from; null when an elder-level deadline fires. */
  device: DeviceFacts | null;
  elderDevices: readonly DeviceFacts[];
  thresholds: Thresholds;
  settings: RuleSettings;
  openAlerts: readonly Alert[];
  openTasks: readonly Task[];
  /**
   * Responders who could be sent to this elder (the elder's town and below), for decisions that dispatch on their
   * own (the next responder after a decline or an expired offer). Empty unless the caller asked for them.
   */
  responders: readonly ResponderCandidate[];
  /** This elder's rule memory, by key. */
  ruleStates: ReadonlyMap<string, RuleStateValue>;
  /** Makes ids for new alerts and tasks; the caller supplies it so that rules stay deterministic in tests. */
  newId: () => string;
}
