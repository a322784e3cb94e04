import type { z } from 'zod';
import type {
  AlertView,
  CallView,
  CreateCallBody,
  Elder,
  ListCallsQuery,
  Priority,
  registerFromCallBodySchema,
  ServiceType,
  TaskView,
} from '../../../../schemas/index.js';
import { normalisePhone } from '../../core/calls/phone-number.js';
import { actorOf, DESK_ROLES, requireInScope, requireRole, type Access } from '../access.js';
import { toCallView } from './call-view.js';
import type { CareDirectory } from '../directories/care-directory.js';
import type { ElderLookupIndex } from '../directories/elder-lookup-index.js';
import type { RegionDirectory } from '../directories/region-directory.js';
import { KeyedSerialQueue } from '../decisions/keyed-serial-queue.js';
import type { RuleRunner } from '../decisions/rule-runner.js';
import { AppError } from '../errors.js';
import type { ClusterLink } from '../ports/cluster.port.js';
import type { AlertStore } from '../ports/store/alerts.port.js';
import type { AuditStore } from '../ports/store/audit.port.js';
import type { CallLinks, CallRecord, CallStore, CallWithNames } from '../ports/store/phone/calls.port.js';
import type { ElderRecord, ElderStore } from '../ports/store/elders.port.js';
import type { TaskStore } from '../ports/store/tasks.port.js';
import { toAlertView, toElderView, toTaskView } from '../views.js';
import { localDay } from '../../core/local-time.js';
import { callFilterOf } from './call-listing.js';
import { encodeKeyCursor, pageOf } from '../list-cursor.js';
import { completeVisitByPhone, raiseFromCall, serviceFromCall } from './call-outcomes.js';
import { registerCaller } from './caller-registration.js';

// The call record: every call the desk takes or makes, and what comes of it. A call is stored only once everything
// it asks for has been checked and done (a refused request leaves nothing behind); its links to an elder, an alert
// or a task are set once. Calls belong to the elder's region, or to the operator's for a caller nobody knows yet,
// and are seen only by desks whose region holds that.

export type RegisterFromCallInput = z.infer<typeof registerFromCallBodySchema>;

export interface CallServiceDeps {
  store: CallStore & ElderStore & TaskStore & AlertStore & AuditStore;
  rules: RuleRunner;
  regions: RegionDirectory;
  directory: CareDirectory;
  /** Where the desk finds a caller by number: a registered caller is found the next time they ring. */
  lookup: ElderLookupIndex;
  cluster: ClusterLink;
  clock: () => number;
  newId: () => string;
  /** Completes a bare local number (PHONE_AREA_CODE). */
  phoneAreaCode?: string | undefined;
  /** The elder's age in a reply is as of the local date at this offset (UTC_OFFSET_MINUTES). */
  utcOffsetMinutes: number;
}

export function createCallService(deps: CallServiceDeps) {
  const { store, rules, regions, clock } = deps;
  // What comes of a call is made once per call, one desk's click at a time: each reads the call afresh inside the
  // queue, so a click that crossed another sees its link and is refused before making anything. The guarded link
  // alone comes too late: on PostgreSQL, where the store's awaits interleave, four crossing clicks made four
  // service tasks or two elders and linked one (tests/integration/hostile-phone.test.ts). Within this instance.
  const perCall = new KeyedSerialQueue();

  function phone(input: string): string {
    const canonical = normalisePhone(input, deps.phoneAreaCode === undefined ? {} : { areaCode: deps.phoneAreaCode });
    if (canonical === null) throw new AppError('PHONE_INVALID');
    return canonical;
  }

  async function elderInScope(access: Access, id: string): Promise<ElderRecord> {
    const elder = await store.getElder(id);
    if (!elder) throw new AppError('ELDER_NOT_FOUND');
    requireInScope(access, regions.pathOf(elder.regionId) ?? '');
    return elder;
  }

  async function load(access: Access, id: string): Promise<CallWithNames> {
    requireRole(access, DESK_ROLES);
    const call = await store.getCall(id);
    if (!call) throw new AppError('CALL_NOT_FOUND');
    requireInScope(access, regions.pathOf(call.regionId) ?? '');
    return call;
  }

  async function reload(id: string): Promise<CallView> {
    const call = await store.getCall(id);
    if (!call) throw new AppError('CALL_NOT_FOUND');
    return toCallView(call);
  }

  /** Sets links that must still be empty; a click that crossed another one's is refused, not merged. */
  async function link(id: string, links: CallLinks): Promise<void> {
    if (!(await store.linkCall(id, links))) throw new AppError('CALL_ALREADY_LINKED');
  }

  const audit = (access: Access, action: string, callId: string, detail: Record<string, unknown>) =>
    store.appendAudit({ at: clock(), actor: actorOf(access), action, entityType: 'call', entityId: callId, detail });

  function withElder(call: CallWithNames): { elderId: string } {
    if (call.elderId === null) throw new AppError('CALL_NO_ELDER');
    return { elderId: call.elderId };
  }

  /** The phone check's care visit: the elder's, open, and a call that can count as a visit. */
  async function visitOf(body: CreateCallBody, elderId: string | undefined): Promise<{ taskId: string; elderId: string } | null> {
    if (body.visitTaskId === undefined) return null;
    if (body.direction !== 'outbound' || body.category !== 'wellbeing' || body.outcome !== 'answered') throw new AppError('PHONE_VISIT_INVALID');
    const task = await store.getTask(body.visitTaskId);
    if (!task) throw new AppError('TASK_NOT_FOUND');
    if (task.kind !== 'care_visit' || (elderId !== undefined && task.elderId !== elderId)) throw new AppError('PHONE_VISIT_INVALID');
    return { taskId: task.id, elderId: task.elderId };
  }

  return {
    async create(access: Access, body: CreateCallBody): Promise<CallView> {
      requireRole(access, DESK_ROLES);
      const callerNumber = body.callerNumber === undefined ? null : phone(body.callerNumber);
      const visit = await visitOf(body, body.elderId);
      const elderId = body.elderId ?? visit?.elderId;
      const elder = elderId === undefined ? null : await elderInScope(access, elderId);
      if (!elder && body.callerName === undefined && body.address === undefined) throw new AppError('CALLER_UNIDENTIFIED');
      const now = clock();
      const startedAt = body.startedAt === undefined ? now : Date.parse(body.startedAt);
      const endedAt = body.endedAt === undefined ? null : Date.parse(body.endedAt);
      if (endedAt !== null && endedAt < startedAt) throw new AppError('REQUEST_INVALID', 'endedAt must not be before startedAt');
      const id = deps.newId();
      if (visit && elder) {
        const note = ['电话问候 / phone visit', body.note].filter(Boolean).join(': ');
        await completeVisitByPhone(rules, { elderId: elder.id, taskId: visit.taskId, note, actor: actorOf(access) });
      }
      const record: CallRecord = {
        id,
        direction: body.direction,
        line: body.line,
        callerNumber,
        elderId: elder?.id ?? null,
        callerName: body.callerName ?? null,
        address: body.address ?? null,
        category: body.category,
        note: body.note || null,
        outcome: body.outcome ?? null,
        regionId: elder?.regionId ?? access.regionId,
        operatorId: access.userId,
        startedAt,
        endedAt,
        alertId: null,
        taskId: visit?.taskId ?? null,
        complaintId: null,
        party: null,
        externalId: body.externalId ?? null,
        createdAt: now,
      };
      await store.createCall(record);
      await audit(access, 'created', id, { direction: record.direction, line: record.line, category: record.category, elderId: record.elderId, taskId: record.taskId });
      return reload(id);
    },

    async list(access: Access, query: ListCallsQuery): Promise<{ items: CallView[]; nextCursor: string | null }> {
      requireRole(access, DESK_ROLES);
      const rows = await store.listCalls(callFilterOf(query, access.regionPath));
      return pageOf(rows, query.limit, (last) => encodeKeyCursor({ at: last.startedAt, id: last.id }), toCallView);
    },

    async get(access: Access, id: string): Promise<CallView> {
      return toCallView(await load(access, id));
    },

    /** An emergency told on the phone: an alert with no device, in the queue like an SOS. */
    raiseAlert: (access: Access, id: string, body: { priority?: Priority | undefined; note?: string | undefined }): Promise<{ call: CallView; alert: AlertView }> =>
      perCall.run(id, async () => {
        const call = await load(access, id);
        const { elderId } = withElder(call);
        if (call.alertId !== null) throw new AppError('CALL_ALREADY_LINKED', 'the call already raised an alert');
        const alertId = await raiseFromCall(rules, { elderId, callId: call.id, line: call.line, priority: body.priority ?? 1, note: body.note || null, actor: actorOf(access) });
        await link(call.id, { alertId });
        await audit(access, 'alert_raised', call.id, { alertId });
        const alert = await store.getAlert(alertId);
        if (!alert) throw new AppError('ALERT_NOT_FOUND');
        return { call: await reload(call.id), alert: toAlertView(alert) };
      }),

    /** A service request on the phone: the same service task as the green key. */
    requestService: (access: Access, id: string, body: { service: ServiceType; note?: string | undefined }): Promise<{ call: CallView; task: TaskView }> =>
      perCall.run(id, async () => {
        const call = await load(access, id);
        const { elderId } = withElder(call);
        if (call.taskId !== null) throw new AppError('CALL_ALREADY_LINKED', 'the call already has its task');
        const taskId = await serviceFromCall(rules, { elderId, service: body.service, note: body.note || call.note, actor: actorOf(access) });
        await link(call.id, { taskId });
        await audit(access, 'service_requested', call.id, { taskId, service: body.service });
        const task = await store.getTask(taskId);
        if (!task) throw new AppError('TASK_NOT_FOUND');
        return { call: await reload(call.id), task: toTaskView(task) };
      }),

    /** A caller nobody knew turns out to be (or to call for) a registered elder: the call moves to the elder's region. */
    linkElder: (access: Access, id: string, elderId: string): Promise<CallView> =>
      perCall.run(id, async () => {
        const call = await load(access, id);
        const elder = await elderInScope(access, elderId);
        if (call.elderId !== null) throw new AppError('CALL_ALREADY_LINKED', 'the call is already linked to an elder');
        await link(call.id, { elderId: elder.id, regionId: elder.regionId });
        await audit(access, 'linked', call.id, { elderId: elder.id });
        return reload(call.id);
      }),

    /** Registers the caller from what the call recorded (the body fills or overrides it) and links the call. */
    registerElder: (access: Access, id: string, body: RegisterFromCallInput): Promise<{ call: CallView; elder: Elder }> =>
      perCall.run(id, async () => {
        const call = await load(access, id);
        if (call.elderId !== null) throw new AppError('CALL_ALREADY_LINKED', 'the call is already linked to an elder');
        const name = body.name ?? call.callerName;
        const address = body.address ?? call.address;
        if (name === null || address === null) throw new AppError('CALLER_DETAILS_MISSING');
        const callerPhone = body.phone === undefined ? call.callerNumber : phone(body.phone);
        const regionId = body.regionId ?? access.regionId;
        const path = regions.pathOf(regionId);
        if (!path) throw new AppError('REGION_NOT_FOUND');
        requireInScope(access, path);
        const elder = await registerCaller(deps, { name, address, phone: callerPhone, regionId }, { actor: actorOf(access), callId: call.id });
        await link(call.id, { elderId: elder.id, regionId: elder.regionId });
        await audit(access, 'linked', call.id, { elderId: elder.id, registered: true });
        return { call: await reload(call.id), elder: toElderView(elder, localDay(clock(), deps.utcOffsetMinutes)) };
      }),
  };
}

export type CallService = ReturnType<typeof createCallService>;
