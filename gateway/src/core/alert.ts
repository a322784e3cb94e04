import type { AlertContext, AlertStatus, AlertType, Priority, TimelineAction } from '../../../schemas/index.js';

// The alert as the core reasons about it. Times are epoch milliseconds; the store and the API convert.

export interface Alert {
  id: string;
  type: AlertType;
  priority: Priority;
  status: AlertStatus;
  /** Raised by a device in test mode: it reaches the desk, marked, and is never dispatched. */
  test: boolean;
  elderId: string;
  deviceId: string;
  /**
   * At most one open alert per (elder, dedupKey). For elder-level types the key is the type, so a fall seen by the
   * wearable and by the camera is one alert; for device-level types (offline, battery) it includes the device.
   */
  dedupKey: string;
  context: AlertContext;
  raisedAt: number;
  lastSeenAt: number;
  count: number;
  acknowledgedAt: number | null;
  acknowledgedBy: string | null;
  resolvedAt: number | null;
  resolvedBy: string | null;
  resolutionNote: string | null;
  cancelledAt: number | null;
  clearedAt: number | null;
}

export type { TimelineAction };

/** One line of an alert's audit trail: who did what, when. */
export interface TimelineEntry {
  alertId: string;
  at: number;
  action: TimelineAction;
  /** `device:<id>`, `user:<username>` or `system:rules`. */
  actor: string;
  note: string | null;
}

export const deviceActor = (deviceId: string): string => `device:${deviceId}`;
export const userActor = (username: string): string => `user:${username}`;
/** The gateway itself, acting on a deadline (a device went silent, nobody came back to bed). */
export const SYSTEM_ACTOR = 'system:rules';
