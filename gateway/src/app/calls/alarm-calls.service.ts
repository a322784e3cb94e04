import type { CallingOrder, CallOutcome, CallView } from '../../../../schemas/index.js';
import { OPEN_ALERT_STATUSES } from '../../../../schemas/index.js';
import { attemptNote, callingOrder, callingParties, type CallingAttempt, type CallingParty } from '../../core/calls/calling-order.js';
import { normalisePhone } from '../../core/calls/phone-number.js';
import { actorOf, DESK_ROLES, requireInScope, requireRole, type Access } from '../access.js';
import { toCallView } from './call-view.js';
import type { RegionDirectory } from '../directories/region-directory.js';
import type { RuleRunner } from '../decisions/rule-runner.js';
import { AppError } from '../errors.js';
import type { AlertStore, AlertWithElder } from '../ports/store/alerts.port.js';
import type { AuditStore } from '../ports/store/audit.port.js';
import type { CallStore } from '../ports/store/phone/calls.port.js';
import type { ElderRecord, ElderStore } from '../ports/store/elders.port.js';

// The desk on the phone during an alarm: whom to call, in order (the elder, then the contacts as the family listed
// them), who was tried and who is next. Each attempt is a call on record with the alert and the party, and a line
// on the alert's timeline, written in the elder's queue so that it cannot land on an alert that just closed.

/** More attempts than any alarm sees; the calling order reads them all. */
const MAX_ATTEMPTS_READ = 500;

export function createAlarmCallsService(deps: {
  store: CallStore & AlertStore & ElderStore & AuditStore;
  rules: RuleRunner;
  regions: RegionDirectory;
  clock: () => number;
  newId: () => string;
  phoneAreaCode?: string | undefined;
}) {
  const { store, rules, regions, clock } = deps;

  async function load(access: Access, alertId: string): Promise<{ alert: AlertWithElder; elder: ElderRecord; parties: CallingParty[] }> {
    requireRole(access, DESK_ROLES);
    const alert = await store.getAlert(alertId);
    if (!alert) throw new AppError('ALERT_NOT_FOUND');
    requireInScope(access, regions.pathOf(alert.elder.regionId) ?? '');
    const elder = await store.getElder(alert.elderId);
    if (!elder) throw new AppError('ELDER_NOT_FOUND');
    return { alert, elder, parties: callingParties(elder) };
  }

  /** Contacts' numbers are stored as the family wrote them: normalised when they can be, else kept for the desk. */
  const canonical = (phone: string | null): string | null =>
    phone === null ? null : (normalisePhone(phone, deps.phoneAreaCode === undefined ? {} : { areaCode: deps.phoneAreaCode }) ?? null);

  return {
    async callingOrder(access: Access, alertId: string): Promise<CallingOrder> {
      const { alert, parties } = await load(access, alertId);
      // The alert's calls, wherever each call's region lies: the alert being visible is what lets the desk see them.
      const calls = await store.listCalls({ regionPath: '', alertId: alert.id, limit: MAX_ATTEMPTS_READ });
      const attempts: CallingAttempt[] = calls.flatMap((c) =>
        c.party === null || c.outcome === null ? [] : [{ callId: c.id, party: c.party, at: c.startedAt, outcome: c.outcome, operator: c.operatorName }],
      );
      const order = callingOrder(parties, attempts);
      return {
        alertId: alert.id,
        parties: order.parties.map((p) => ({ ...p, attempts: p.attempts.map((a) => ({ ...a, at: new Date(a.at).toISOString() })) })),
        next: order.next,
        answeredBy: order.answeredBy,
      };
    },

    async recordAttempt(access: Access, alertId: string, input: { party: string; outcome: CallOutcome; note?: string | undefined }): Promise<CallView> {
      const { alert, elder, parties } = await load(access, alertId);
      const party = parties.find((p) => p.party === input.party);
      if (!party) throw new AppError('CALL_PARTY_UNKNOWN', `the elder has ${elder.contacts.length} contact(s); ${input.party} is not one of them`);
      if (!OPEN_ALERT_STATUSES.includes(alert.status)) throw new AppError('ALERT_TRANSITION_INVALID', `alert is ${alert.status}`);
      const actor = actorOf(access);
      const note = attemptNote(party, input.outcome, input.note || null);
      // The timeline first: an alert that closed meanwhile refuses the attempt before any call is on record.
      await rules.run({
        elderId: alert.elderId,
        deviceId: null,
        actor,
        evaluate: (state, now) => {
          const open = state.openAlerts.find((a) => a.id === alert.id);
          if (!open) throw new AppError('ALERT_TRANSITION_INVALID', 'the alert closed');
          // Noted, not changed: the alert stays as it is (as clearCondition notes the end of a life-safety alarm).
          return [{ kind: 'update', alert: { ...open }, previousStatus: open.status, entry: { alertId: open.id, at: now, action: 'call_attempt', actor, note } }];
        },
      });
      const now = clock();
      const id = deps.newId();
      await store.createCall({
        id,
        direction: 'outbound',
        line: 'direct',
        callerNumber: canonical(party.phone),
        elderId: elder.id,
        callerName: party.party === 'elder' ? null : party.name,
        address: null,
        category: 'emergency',
        note: input.note || null,
        outcome: input.outcome,
        regionId: elder.regionId,
        operatorId: access.userId,
        startedAt: now,
        endedAt: now,
        alertId: alert.id,
        taskId: null,
        complaintId: null,
        party: party.party,
        externalId: null,
        createdAt: now,
      });
      await store.appendAudit({ at: now, actor, action: 'created', entityType: 'call', entityId: id, detail: { alertId: alert.id, party: party.party, outcome: input.outcome } });
      const call = await store.getCall(id);
      if (!call) throw new AppError('CALL_NOT_FOUND');
      return toCallView(call);
    },
  };
}

export type AlarmCallsService = ReturnType<typeof createAlarmCallsService>;
