import type { AccountStore } from './accounts.port.js';
import type { ActivityStore } from './activity.port.js';
import type { AlertStore } from './alerts.port.js';
import type { AuditStore } from './audit.port.js';
import type { CallStore } from './phone/calls.port.js';
import type { ComplaintStore } from './phone/complaints.port.js';
import type { DeadLetterStore } from './dead-letters.port.js';
import type { DeadlineStore } from './deadlines.port.js';
import type { DecisionStore } from './decisions.port.js';
import type { DeviceStore } from './devices.port.js';
import type { DeviceCommandStore } from './device-commands.port.js';
import type { ElderStore } from './elders.port.js';
import type { ElderImportStore } from './elder-import.port.js';
import type { HandoverStore } from './handover.port.js';
import type { IntegrationTokenStore } from './phone/integration-tokens.port.js';
import type { OutboxStore } from './outbox.port.js';
import type { RegionStore } from './regions.port.js';
import type { ReportReadStore } from './report-reads.port.js';
import type { TaskStore } from './tasks.port.js';
import type { UserStore } from './users.port.js';
import type { VisitPolicyStore } from './visit-policy.port.js';

// The one store contract (docs/decisions/0006-one-store-contract-two-engines.md), by concern: each port in this
// folder is one concern, and each use case takes only the ports it uses. An engine (adapters/db/sqlite,
// adapters/db/pg) implements all of them; the contract suites in tests/contract/store/ hold both engines to each.
// Only the composition root (server.ts) and the engines see the whole `Store`.

export interface StoreLifecycle {
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface Store
  extends RegionStore,
    UserStore,
    AccountStore,
    AuditStore,
    ElderStore,
    ElderImportStore,
    DeviceStore,
    DeviceCommandStore,
    AlertStore,
    TaskStore,
    DeadlineStore,
    DecisionStore,
    OutboxStore,
    DeadLetterStore,
    ActivityStore,
    CallStore,
    ComplaintStore,
    IntegrationTokenStore,
    HandoverStore,
    ReportReadStore,
    VisitPolicyStore,
    StoreLifecycle {}

/**
 * What each call does, for store health (decisions/store-health.ts), which clears a failure only when a call that
 * must write has worked: a read that works says nothing about whether an alarm can be stored (a locked SQLite file
 * still reads). 'write_if_any' writes only when it finds something to write (a claim with nothing due, an empty
 * activity flush, a settle or release of rows another claim took), so its success proves nothing either. Every
 * method is listed, so a new one does not compile until someone says which it is.
 */
export const STORE_CALLS: { readonly [K in keyof Store]: 'read' | 'write' | 'write_if_any' | 'lifecycle' } = {
  rootRegion: 'read',
  createRegion: 'write',
  listRegions: 'read',
  relabelRegion: 'write',
  countUsers: 'read',
  createUser: 'write',
  findUserByUsername: 'read',
  getUser: 'read',
  listUsers: 'read',
  updateUser: 'write',
  countOpenAssignments: 'read',
  createSession: 'write',
  findSession: 'read',
  listSessions: 'read',
  revokeSessions: 'write_if_any',
  setUserDisabled: 'write',
  setUserPassword: 'write',
  loginFailures: 'read',
  recordLoginFailure: 'write',
  resetLoginFailures: 'write',
  appendAudit: 'write',
  listAudit: 'read',
  createElder: 'write',
  getElder: 'read',
  listElders: 'read',
  updateElderRecord: 'write',
  updateElderCareProfile: 'write',
  setElderAway: 'write',
  findEldersByIdNumbers: 'read',
  importElders: 'write_if_any',
  createDevice: 'write',
  getDevice: 'read',
  listDevices: 'read',
  setDeviceTestMode: 'write',
  setDeviceSecret: 'write',
  listDeviceEvents: 'read',
  createDevices: 'write',
  retireDevice: 'write',
  replaceDevice: 'write',
  moveDevice: 'write',
  setDeviceIdentities: 'write',
  createDeviceCommand: 'write',
  getDeviceCommand: 'read',
  listDeviceCommands: 'read',
  claimQueuedDeviceCommands: 'write_if_any',
  transitionDeviceCommand: 'write_if_any',
  requeueSentDeviceCommands: 'write_if_any',
  expireDueDeviceCommands: 'write_if_any',
  nextDeviceCommandDeadline: 'read',
  findOpenAlerts: 'read',
  transitionAlert: 'write',
  getAlert: 'read',
  listAlerts: 'read',
  getTimeline: 'read',
  findOpenTasks: 'read',
  getTask: 'read',
  listTasks: 'read',
  updateTask: 'write',
  dueDeadlines: 'read',
  listDeadlines: 'read',
  commit: 'write',
  listRuleStates: 'read',
  pruneProcessedMessages: 'write',
  claimNotifications: 'write_if_any',
  settleNotification: 'write_if_any',
  releaseNotificationClaims: 'write_if_any',
  countPendingNotifications: 'read',
  pruneSettledNotifications: 'write',
  recordDeadLetter: 'write',
  listDeadLetters: 'read',
  addActivity: 'write_if_any',
  listActivityDays: 'read',
  createCall: 'write',
  getCall: 'read',
  listCalls: 'read',
  linkCall: 'write_if_any',
  countCalls: 'read',
  createComplaint: 'write',
  getComplaint: 'read',
  listComplaints: 'read',
  updateComplaint: 'write',
  dueUnflaggedComplaints: 'read',
  flagComplaintOverdue: 'write_if_any',
  countComplaints: 'read',
  createIntegrationToken: 'write',
  findIntegrationToken: 'read',
  listIntegrationTokens: 'read',
  revokeIntegrationToken: 'write',
  listPeriodTimelines: 'read',
  listTasksOfPeriodAlerts: 'read',
  listTasksDue: 'read',
  getVisitPolicy: 'read',
  replaceVisitPolicy: 'write',
  addHandoverNote: 'write',
  listHandoverNotes: 'read',
  listNotedAlertEntries: 'read',
  listNotedTasks: 'read',
  listOverdueTasks: 'read',
  countClosedAlerts: 'read',
  ping: 'lifecycle',
  close: 'lifecycle',
};

/** A write refused by a unique key or a guard: the store works, the request conflicts. */
export class StoreConflictError extends Error {
  readonly code = 'STORE_CONFLICT';
}
