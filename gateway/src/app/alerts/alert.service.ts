import type { AlertDetail, AlertListQuery, AlertView, ResolutionReason } from '../../../../schemas/index.js';
import { OPEN_ALERT_STATUSES } from '../../../../schemas/index.js';
import type { Alert } from '../../core/alerts/alert.js';
import * as lifecycle from '../../core/alerts/alert-lifecycle.js';
import type { ElderState } from '../../core/elder-state.js';
import { suggestResponders } from '../../core/alerts/dispatch.js';
import { actorOf, DESK_ROLES, requireInScope, requireRole, type Access } from '../access.js';
import { AppError } from '../errors.js';
import { encodeKeyCursor, pageOf } from '../list-cursor.js';
import { alertFilterOf } from './alert-listing.js';
import { responderFor } from '../directories/responder-lookup.js';
import type { ElderStateBuilder } from '../decisions/elder-state-builder.js';
import type { DecisionMetrics } from '../ports/metrics.port.js';
import type { RegionDirectory } from '../directories/region-directory.js';
import type { RuleRunner } from '../decisions/rule-runner.js';
import type { AlertWithElder, AlertStore } from '../ports/store/alerts.port.js';
import { toAlertDetail, toAlertView } from '../views.js';
import type { UserStore } from '../ports/store/users.port.js';

// What people do with alerts: the desk acknowledges, dispatches, holds, resolves or calls a false alarm; the
// responder accepts, declines, arrives and resolves. Each action is a pure lifecycle step run in the elder's queue,
// committed with its deadlines and tasks, audited in the alert's timeline and pushed live.

/** The alert as the core knows it, without the elder and assignee the store joins in. */
function withoutJoins(alert: AlertWithElder): Alert {
  const core: Partial<AlertWithElder> = { ...alert };
  delete core.elder;
  delete core.assignee;
  return core as Alert;
}

export function createAlertService(deps: {
  store: AlertStore & UserStore;
  rules: RuleRunner;
  states: ElderStateBuilder;
  regions: RegionDirectory;
  metrics: DecisionMetrics;
}) {
  const { store, rules, regions, metrics } = deps;

  /**
   * The alert, when it lies in the person's region. A responder may also be sent from a neighbouring community of
   * the elder's town (responder-lookup.ts): the alert dispatched to them is theirs to act on wherever it lies.
   */
  async function load(access: Access, id: string): Promise<AlertWithElder> {
    const alert = await store.getAlert(id);
    if (!alert) throw new AppError('ALERT_NOT_FOUND');
    if (access.role === 'responder' && alert.assigneeId === access.userId) return alert;
    requireInScope(access, regions.pathOf(alert.elder.regionId) ?? '');
    return alert;
  }

  async function act(
    access: Access,
    id: string,
    step: (alert: Alert, state: ElderState, now: number) => lifecycle.LifecycleResult,
    options: { withResponders?: boolean } = {},
  ): Promise<AlertView> {
    const before = await load(access, id);
    await rules.run({
      elderId: before.elderId,
      deviceId: null,
      actor: actorOf(access),
      withResponders: options.withResponders ?? false,
      evaluate: (state, now) => {
        // Fresh from the store inside the elder's queue: nobody moved it between our read and this step.
        const current = state.openAlerts.find((a) => a.id === id);
        if (!current) throw new AppError('ALERT_TRANSITION_INVALID', `alert is ${before.status}`);
        const result = step(current, state, now);
        if (!result.ok) throw new AppError(result.code, result.code === 'ALERT_TRANSITION_INVALID' ? `alert is ${result.from}` : undefined);
        return result.decisions;
      },
    });
    // Read without the scope check: the person was allowed to act, and a declining responder of a neighbouring
    // community is no longer the assignee that let them see it.
    const after = await store.getAlert(id);
    if (!after) throw new AppError('ALERT_NOT_FOUND');
    if (before.acknowledgedAt === null && after.acknowledgedAt !== null) {
      metrics.ackLatency.observe({ priority: String(after.priority) }, (after.acknowledgedAt - after.raisedAt) / 1000);
    }
    return toAlertView(after);
  }

  return {
    /** A page of alerts, newest first, with the cursor of the next page (null on the last). */
    async list(access: Access, query: AlertListQuery): Promise<{ items: AlertView[]; nextCursor: string | null }> {
      const rows = await store.listAlerts(alertFilterOf(access, query, regions));
      return pageOf(rows, query.limit, (last) => encodeKeyCursor({ at: last.raisedAt, id: last.id }), toAlertView);
    },
    /**
     * The open alerts a live client starts from, most urgent first: when more are open than `limit`, the ones left out
     * are the newest of the lowest priority, never a waiting P1.
     */
    async openForSnapshot(access: Access, limit: number): Promise<AlertView[]> {
      const filter = alertFilterOf(access, { status: 'open', mine: false, limit }, regions);
      const rows = await store.listAlerts({ ...filter, limit, urgentFirst: true });
      return rows.map(toAlertView);
    },
    async get(access: Access, id: string): Promise<AlertDetail> {
      const alert = await load(access, id);
      if (access.role === 'responder' && alert.assigneeId !== access.userId) throw new AppError('ALERT_NOT_ASSIGNED_TO_YOU');
      return toAlertDetail(alert, await store.getTimeline(id));
    },
    async suggestions(access: Access, id: string) {
      requireRole(access, DESK_ROLES);
      const alert = await load(access, id);
      const candidates = await deps.states.respondersFor(alert.elderId, alert.elder.regionId);
      const byId = new Map((await store.listUsers({ role: 'responder' })).map((u) => [u.id, u]));
      // A disabled account (someone who left, a lost phone) is never suggested; dispatching to one is refused too.
      const sendable = candidates.filter((c) => byId.get(c.id)?.disabledAt == null);
      return suggestResponders(sendable, alert.declinedBy).map((c) => {
        const user = byId.get(c.id);
        return {
          responder: { id: c.id, displayName: c.displayName, responderKind: user?.responderKind ?? null, phone: user?.phone ?? null, regionId: c.regionId },
          sameCommunity: c.sameCommunity,
          assignedToElder: c.assignedToElder,
          onDuty: c.onDuty,
          openAssignments: c.openAssignments,
        };
      });
    },
    acknowledge(access: Access, id: string, note: string | null) {
      requireRole(access, DESK_ROLES);
      return act(access, id, (alert, _state, now) => lifecycle.acknowledge(alert, actorOf(access), now, note));
    },
    async dispatch(access: Access, id: string, responderId: string) {
      requireRole(access, DESK_ROLES);
      const alert = await load(access, id);
      const responder = await responderFor(store, regions, alert.elder.regionId, responderId);
      return act(access, id, (alert, state, now) =>
        lifecycle.dispatch(alert, state, { id: responder.id, displayName: responder.displayName }, actorOf(access), now),
      );
    },
    accept(access: Access, id: string) {
      requireRole(access, ['responder']);
      return act(access, id, (alert, state, now) => lifecycle.accept(alert, state, access.userId, now, actorOf(access)));
    },
    decline(access: Access, id: string, reason: string | null) {
      requireRole(access, ['responder']);
      return act(access, id, (alert, state, now) => lifecycle.decline(alert, state, access.userId, now, reason, actorOf(access)), { withResponders: true });
    },
    arrive(access: Access, id: string) {
      requireRole(access, ['responder']);
      return act(access, id, (alert, state, now) => lifecycle.arrive(alert, state, access.userId, now, actorOf(access)));
    },
    resolve(access: Access, id: string, reason: ResolutionReason, note: string | null) {
      // A responder resolves only what they accepted; the desk resolves anything in its region.
      return act(access, id, (alert, state, now) =>
        access.role === 'responder'
          ? lifecycle.resolveAsResponder(alert, state, access.userId, now, reason, note, actorOf(access))
          : lifecycle.resolve(alert, state, actorOf(access), now, reason, note),
      );
    },
    markFalseAlarm(access: Access, id: string, note: string) {
      requireRole(access, DESK_ROLES);
      return act(access, id, (alert, state, now) => lifecycle.markFalseAlarm(alert, state, actorOf(access), now, note));
    },
    /**
     * A free note on the alert's timeline, by the desk (in its region) or the responder it is dispatched to, on an
     * open or a closed alert: a closed one is final, so the copy read here is the one the note is written against.
     */
    async addNote(access: Access, id: string, text: string): Promise<AlertView> {
      if (access.role !== 'responder') requireRole(access, DESK_ROLES);
      const before = await load(access, id);
      if (access.role === 'responder' && before.assigneeId !== access.userId) throw new AppError('ALERT_NOT_ASSIGNED_TO_YOU');
      const closed = !OPEN_ALERT_STATUSES.includes(before.status) ? withoutJoins(before) : null;
      await rules.run({
        elderId: before.elderId,
        deviceId: null,
        actor: actorOf(access),
        evaluate: (state, now) => {
          const current = state.openAlerts.find((a) => a.id === id) ?? closed;
          // It was open when read and closed since: 409, and the desk writes the note again on the closed alert.
          if (!current) throw new AppError('ALERT_TRANSITION_INVALID', 'the alert closed meanwhile; send the note again');
          const result = lifecycle.note(current, actorOf(access), now, text);
          if (!result.ok) throw new AppError(result.code);
          return result.decisions;
        },
      });
      const after = await store.getAlert(id);
      if (!after) throw new AppError('ALERT_NOT_FOUND');
      return toAlertView(after);
    },
    hold(access: Access, id: string, reason: string, minutes: number) {
      requireRole(access, DESK_ROLES);
      return act(access, id, (alert, _state, now) => lifecycle.hold(alert, actorOf(access), now, reason, minutes));
    },
  };
}

export type AlertService = ReturnType<typeof createAlertService>;
