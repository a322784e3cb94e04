import type { DeviceCommandStatus, DeviceCommandType } from '../../../../../schemas/index.js';

// Commands to devices in the store (issue 22): the queue and the record at once. Each command moves
// queued → sent → delivered → done, or to failed, or to expired at its stored deadline; every move is a guarded
// update (the status it comes from), so two instances on one PostgreSQL never both send or both finish a command.

export interface DeviceCommandRecord {
  id: string;
  deviceId: string;
  elderId: string;
  alertId: string | null;
  type: DeviceCommandType;
  /** The command's parameters (JSON), as the device receives them. */
  parameters: Record<string, unknown>;
  status: DeviceCommandStatus;
  /** `user:<id>` */
  createdBy: string;
  createdAt: number;
  /** The stored deadline, epoch ms. */
  expiresAt: number;
  sentAt: number | null;
  deliveredAt: number | null;
  finishedAt: number | null;
  sendCount: number;
  failureReason: string | null;
  resultData: Record<string, unknown> | null;
  /** The store's order of creation: a device's commands go out in this order. */
  seq: number;
}

export type NewDeviceCommand = Omit<DeviceCommandRecord, 'seq' | 'status' | 'sentAt' | 'deliveredAt' | 'finishedAt' | 'sendCount' | 'failureReason' | 'resultData'>;

export interface DeviceCommandFilter {
  deviceId?: string;
  alertId?: string;
  /** Keyset paging, newest first: only commands with a seq below this. */
  beforeSeq?: number;
  limit: number;
}

/** A move of one command from one of `from` to `to`, with what the move records. */
export interface DeviceCommandTransition {
  id: string;
  from: readonly DeviceCommandStatus[];
  to: DeviceCommandStatus;
  at: number;
  failureReason?: string | null;
  resultData?: Record<string, unknown> | null;
}

export interface DeviceCommandStore {
  /** Stores it queued. Fails with StoreConflictError when the id is taken (the caller then reads the stored one). */
  createDeviceCommand(command: NewDeviceCommand): Promise<DeviceCommandRecord>;
  getDeviceCommand(id: string): Promise<DeviceCommandRecord | null>;
  /** Newest first. */
  listDeviceCommands(filter: DeviceCommandFilter): Promise<DeviceCommandRecord[]>;
  /**
   * Takes the device's queued commands that have not expired, oldest first, and marks them sent at `now` (send count
   * + 1) in one guarded update: what one caller takes, no other caller gets. The caller publishes them in this order.
   */
  claimQueuedDeviceCommands(deviceId: string, now: number): Promise<DeviceCommandRecord[]>;
  /** Moves one command when it is in one of `from`; the updated record, or null when it was not (nothing changed). */
  transitionDeviceCommand(transition: DeviceCommandTransition): Promise<DeviceCommandRecord | null>;
  /** Sent but not delivered goes back to queued (the device went away before its PUBACK); returns how many. */
  requeueSentDeviceCommands(deviceId: string): Promise<number>;
  /** Pending commands (queued, sent, delivered) whose deadline is at or before `now` become expired; oldest first. */
  expireDueDeviceCommands(now: number, limit: number): Promise<DeviceCommandRecord[]>;
  /** The earliest deadline of a pending command, or null when none is pending. */
  nextDeviceCommandDeadline(): Promise<number | null>;
}
