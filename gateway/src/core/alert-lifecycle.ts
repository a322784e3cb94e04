import type { AlertStatus } from '../../../schemas/index.js';
import type { Alert, TimelineEntry } from './alert.js';

// The operator's transitions of an alert. Pure: the caller supplies who and when.

export type TransitionResult =
  | { ok: true; alert: Alert; entry: TimelineEntry }
  | { ok: false; code: 'ALERT_TRANSITION_INVALID'; from: AlertStatus; to: AlertStatus };

const ALLOWED: Record<'acknowledged' | 'resolved', readonly AlertStatus[]> = {
  acknowledged: ['raised'],
  resolved: ['raised', 'acknowledged'],
};

export function acknowledge(alert: Alert, actor: string, now: number, note: string | null = null): TransitionResult {
  if (!ALLOWED.acknowledged.includes(alert.status)) {
    return { ok: false, code: 'ALERT_TRANSITION_INVALID', from: alert.status, to: 'acknowledged' };
  }
  return {
    ok: true,
    alert: { ...alert, status: 'acknowledged', acknowledgedAt: now, acknowledgedBy: actor },
    entry: { alertId: alert.id, at: now, action: 'acknowledged', actor, note },
  };
}

/** Resolving an alert nobody acknowledged also counts as its acknowledgement, so response times stay honest. */
export function resolve(alert: Alert, actor: string, now: number, note: string | null): TransitionResult {
  if (!ALLOWED.resolved.includes(alert.status)) {
    return { ok: false, code: 'ALERT_TRANSITION_INVALID', from: alert.status, to: 'resolved' };
  }
  return {
    ok: true,
    alert: {
      ...alert,
      status: 'resolved',
      acknowledgedAt: alert.acknowledgedAt ?? now,
      acknowledgedBy: alert.acknowledgedBy ?? actor,
      resolvedAt: now,
      resolvedBy: actor,
      resolutionNote: note,
    },
    entry: { alertId: alert.id, at: now, action: 'resolved', actor, note },
  };
}
