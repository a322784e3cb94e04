// The desk's picture of the alerts: open ones (raised, acknowledged, dispatched, on site, on hold) and, for this
// session, the recently closed ones (resolved, false alarm, cancelled by the elder, cleared by the gateway). No DOM.
//
// Within an open alert the status no longer only moves forward (a declined dispatch returns to acknowledged, a hold
// returns to where it was), so "is this reply older than what is shown" is answered by the live link instead: every
// live event for an alert bumps its version, and the reply to an action applies only when no live event for that
// alert arrived while the request was under way (the live link sends that action's result too, in commit order).
// Closed is final: nothing reopens an alert seen closed.

import type { AlertView } from '../../../schemas/index.js';
import { LiveBook } from './live-book.js';

export type Alert = AlertView;
export type Assignee = NonNullable<AlertView['assignee']>;

export const OPEN_STATUSES: ReadonlySet<string> = new Set(['raised', 'acknowledged', 'dispatched', 'on_site', 'on_hold']);
export const CLOSED_STATUSES: ReadonlySet<string> = new Set(['resolved', 'false_alarm', 'cancelled', 'cleared']);
const CLOSED_KEEP = 30;

export const isOpen = (alert: Alert) => OPEN_STATUSES.has(alert.status);

export const closedAt = (alert: Alert): string => alert.resolvedAt ?? alert.cancelledAt ?? alert.clearedAt ?? alert.lastSeenAt;

/**
 * Held alerts last (somebody decided they can wait), then priority (1 = life-safety first), then the unacknowledged
 * before those being worked on, then oldest first within the same priority and state: the one waiting longest is
 * the most urgent.
 */
export function compareOpen(a: Alert, b: Alert): number {
  const held = Number(a.status === 'on_hold') - Number(b.status === 'on_hold');
  if (held !== 0) return held;
  if (a.priority !== b.priority) return a.priority - b.priority;
  const raised = Number(b.status === 'raised') - Number(a.status === 'raised');
  if (raised !== 0) return raised;
  const byTime = Date.parse(a.raisedAt) - Date.parse(b.raisedAt);
  return byTime !== 0 ? byTime : a.id.localeCompare(b.id);
}

/**
 * A new press ended the hold the desk set: the alert left on hold with its count risen (the gateway writes both in one
 * event). New information about somebody who may be on the floor, so the desk hears it, even though it stays
 * acknowledged and the P1 alarm does not start again.
 */
export const pressedAgainWhileHeld = (before: Alert | undefined, after: Alert): boolean =>
  before?.status === 'on_hold' && after.status !== 'on_hold' && isOpen(after) && after.count > before.count;

function isAlert(value: unknown): value is Alert {
  if (!value || typeof value !== 'object') return false;
  const v = value as { id?: unknown; status?: unknown };
  return typeof v.id === 'string' && typeof v.status === 'string' && (OPEN_STATUSES.has(v.status) || CLOSED_STATUSES.has(v.status));
}

export class AlertBook extends LiveBook<Alert> {
  private readonly closed = new Map<string, Alert>();
  /** The last responder seen on each alert: the view drops the assignee once it is closed, the desk still says who went. */
  private readonly lastAssignee = new Map<string, Assignee>();

  protected accepts(value: unknown): value is Alert {
    return isAlert(value);
  }

  protected isFinal(id: string): boolean {
    const current = this.get(id);
    return current !== undefined && CLOSED_STATUSES.has(current.status);
  }

  protected place(alert: Alert): void {
    if (alert.assignee && typeof alert.assignee.displayName === 'string') this.lastAssignee.set(alert.id, alert.assignee);
    if (isOpen(alert)) {
      this.closed.delete(alert.id);
      this.open.set(alert.id, alert);
      return;
    }
    this.open.delete(alert.id);
    this.closed.set(alert.id, alert);
    if (this.closed.size > CLOSED_KEEP) {
      const oldest = [...this.closed.values()].sort((a, b) => Date.parse(closedAt(a)) - Date.parse(closedAt(b)))[0];
      if (oldest) {
        this.closed.delete(oldest.id);
        this.lastAssignee.delete(oldest.id);
        this.versions.delete(oldest.id);
      }
    }
  }

  /**
   * An event that arrived while the snapshot was on its way, replayed after it. It may be older than the snapshot:
   * it never reopens a closed alert, and a repeat count never goes down.
   */
  applyReplayed(alert: unknown): boolean {
    if (!isAlert(alert)) return false;
    const current = this.get(alert.id);
    if (current && CLOSED_STATUSES.has(current.status) && !CLOSED_STATUSES.has(alert.status)) return false;
    // the repeat count only grows: a lower one is older news, whatever its status says
    if (current && alert.count < current.count) return false;
    this.bump(alert.id);
    this.place(alert);
    return true;
  }

  get(id: string): Alert | undefined {
    return this.open.get(id) ?? this.closed.get(id);
  }

  /** The responder sent to the alert, or the last one seen on it once it was closed. */
  assigneeOf(alert: Alert): Assignee | null {
    return alert.assignee ?? this.lastAssignee.get(alert.id) ?? null;
  }

  openSorted(): Alert[] {
    return [...this.open.values()].sort(compareOpen);
  }

  closedSorted(): Alert[] {
    return [...this.closed.values()].sort((a, b) => Date.parse(closedAt(b)) - Date.parse(closedAt(a)));
  }

  /**
   * The alert the keyboard acts on among `shown` (the queue as filtered, already sorted): the top unacknowledged
   * one, else the top acknowledged one (to dispatch or resolve), else the top one being worked on. Never one on
   * hold: it was put aside on purpose.
   */
  static keyboardTarget(shown: Alert[]): Alert | null {
    return (
      shown.find((a) => a.status === 'raised') ?? shown.find((a) => a.status === 'acknowledged') ?? shown.find((a) => a.status !== 'on_hold') ?? null
    );
  }

  /**
   * Life-safety alerts nobody has acknowledged yet: these sound the alarm, whatever the queue's filters show.
   * One on hold does not: holding is a decision taken with a reason, and the alert comes back raised when the time
   * is up. Test alerts count too, on purpose: a monthly test wants to prove the whole path up to the desk's sound.
   */
  unacknowledgedLifeSafety(): number {
    let n = 0;
    for (const alert of this.open.values()) if (alert.priority === 1 && alert.status === 'raised') n += 1;
    return n;
  }

  override clear(): void {
    super.clear();
    this.closed.clear();
    this.lastAssignee.clear();
  }
}
