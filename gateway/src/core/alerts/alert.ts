import type { AlertContext, AlertStatus, AlertType, Priority, ResolutionReason, TimelineAction } from '../../../../schemas/index.js';

// The alert as the core reasons about it. Times are epoch milliseconds; the store and the API convert.

export interface Alert {
  id: string;
  type: AlertType;
  priority: Priority;
  status: AlertStatus;
  /** Raised by a device in test mode: it reaches the desk, marked, and is never dispatched. */
  test: boolean;
  elderId: string;
  /** The device that raised it; null for an alert the desk raised from a telephone call (context.callId). */
  deviceId: string | null;
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
  /**
   * The devices whose own message (a press, a detection) raised or repeated this alert, first one first. A cancel
   * withdraws only its own device's press, so one button's cancel never withdraws another's.
   */
  raisedBy: string[];
  /** The elder's last cancel that did not withdraw the alert (help under way, or another device pressed); null after a new press. */
  cancelRequestedAt: number | null;
  clearedAt: number | null;
  /** The responder it is dispatched to (user id), while dispatched or on site. */
  assigneeId: string | null;
  assignedAt: number | null;
  acceptedAt: number | null;
  arrivedAt: number | null;
  /** 0 none; 1 the desk was re-alerted; 2 the supervisor tier was called. */
  escalationLevel: 0 | 1 | 2;
  lateArrival: boolean;
  holdUntil: number | null;
  holdReason: string | null;
  /** The status an alert on hold returns to when the hold ends. */
  heldFrom: AlertStatus | null;
  resolutionReason: ResolutionReason | null;
  /** Responders who declined it or let the offer expire; the next suggestion skips them. */
  declinedBy: string[];
}

/** The workflow fields of an alert nobody has worked on yet. */
export const UNWORKED: Pick<
  Alert,
  'assigneeId' | 'assignedAt' | 'acceptedAt' | 'arrivedAt' | 'escalationLevel' | 'lateArrival' | 'holdUntil' | 'holdReason' | 'heldFrom' | 'resolutionReason' | 'declinedBy'
> = {
  assigneeId: null,
  assignedAt: null,
  acceptedAt: null,
  arrivedAt: null,
  escalationLevel: 0,
  lateArrival: false,
  holdUntil: null,
  holdReason: null,
  heldFrom: null,
  resolutionReason: null,
  declinedBy: [],
};

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
