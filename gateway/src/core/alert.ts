import type { AlertStatus, AlertType, Priority } from '../../../schemas/index.js';

// The alert as the core reasons about it. Times are epoch milliseconds; the store and the API convert.

export interface Alert {
  id: string;
  type: AlertType;
  priority: Priority;
  status: AlertStatus;
  elderId: string;
  deviceId: string;
  raisedAt: number;
  lastSeenAt: number;
  count: number;
  acknowledgedAt: number | null;
  acknowledgedBy: string | null;
  resolvedAt: number | null;
  resolvedBy: string | null;
  resolutionNote: string | null;
  cancelledAt: number | null;
}

export type TimelineAction = 'raised' | 'repeated' | 'acknowledged' | 'resolved' | 'cancelled';

/** One line of an alert's audit trail: who did what, when. */
export interface TimelineEntry {
  alertId: string;
  at: number;
  action: TimelineAction;
  /** `device:<id>` or `user:<username>`. */
  actor: string;
  note: string | null;
}

export const PRIORITY_BY_TYPE: Record<AlertType, Priority> = {
  sos: 1,
};

export const deviceActor = (deviceId: string): string => `device:${deviceId}`;
export const userActor = (username: string): string => `user:${username}`;
