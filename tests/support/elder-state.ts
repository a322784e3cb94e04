import { OPEN_ALERT_STATUSES, type DeviceKind, type ThresholdOverrides } from '../../schemas/index.js';
import type { Alert } from '../../gateway/src/core/alerts/alert.js';
import type { Decision } from '../../gateway/src/core/decisions.js';
import type { RuleStateValue } from '../../gateway/src/core/elder-state.js';
import type { DeviceFacts, ElderState, RuleSettings } from '../../gateway/src/core/elder-state.js';
import type { Task } from '../../gateway/src/core/tasks/task.js';
import { effectiveThresholds } from '../../gateway/src/core/thresholds.js';

// Builds the state rules read, for unit tests of pure rules; `applyDecisions` folds a rule's decisions back into
// it, so a table of readings can be run through a rule as the gateway would run them.

export const T0 = Date.UTC(2026, 10, 23, 2, 0, 0); // 10:00 in China (UTC+8)

export const TEST_SETTINGS: RuleSettings = {
  escalation: { ackSeconds: { 1: [60, 180], 2: [300, 900], 3: [3600] }, acceptSeconds: 120, arrivalMinutes: { 1: 30, 2: 60, 3: 1440 }, followUpHours: 24 },
  cancelWindowMs: 120_000,
  heartbeatTimeoutMs: 600_000,
  offlineGraceMs: 60_000,
  testSignalIntervalMs: 25 * 3600_000,
  utcOffsetMinutes: 480,
};

export interface StateOptions {
  kind?: DeviceKind;
  deviceId?: string;
  room?: string | null;
  testMode?: boolean;
  otherDevices?: DeviceFacts[];
  overrides?: ThresholdOverrides;
  away?: ElderState['elder']['away'];
  riskCategory?: ElderState['elder']['riskCategory'];
  settings?: Partial<RuleSettings>;
}

export function deviceFacts(id: string, kind: DeviceKind, room: string | null = null, testMode = false): DeviceFacts {
  return { id, kind, room, testMode, presence: null };
}

export function elderState(options: StateOptions = {}): ElderState {
  let n = 0;
  const device = deviceFacts(options.deviceId ?? 'dev-1', options.kind ?? 'call_button', options.room ?? null, options.testMode ?? false);
  const riskCategory = options.riskCategory ?? 'general';
  return {
    elder: { id: 'elder-1', regionId: 'community-1', riskCategory, away: options.away ?? null },
    device,
    elderDevices: [device, ...(options.otherDevices ?? [])],
    thresholds: effectiveThresholds(riskCategory, options.overrides ?? {}),
    settings: { ...TEST_SETTINGS, ...options.settings },
    openAlerts: [],
    openTasks: [],
    responders: [],
    ruleStates: new Map(),
    newId: () => `id-${++n}`,
  };
}

/** The state as a different device of the same elder sees it (same alerts, tasks and memory). */
export function asDevice(state: ElderState, deviceId: string | null): ElderState {
  const device = deviceId === null ? null : (state.elderDevices.find((d) => d.id === deviceId) ?? null);
  return { ...state, device };
}

export interface Applied {
  state: ElderState;
  alerts: Map<string, Alert>;
  tasks: Task[];
  armed: Map<string, import('../../gateway/src/core/deadline.js').Deadline>;
}

/** Applies decisions as the app would: alerts and tasks stored, deadlines armed and disarmed, memory kept. */
export function applyDecisions(state: ElderState, decisions: Decision[], world: Omit<Applied, 'state'> = { alerts: new Map(), tasks: [], armed: new Map() }): Applied {
  const ruleStates = new Map<string, RuleStateValue>(state.ruleStates);
  const alerts = new Map<string, Alert>([...state.openAlerts.map((a): [string, Alert] => [a.id, a]), ...world.alerts]);
  const tasks = [...world.tasks, ...state.openTasks.filter((t) => !world.tasks.some((w) => w.id === t.id))];
  const armed = new Map(world.armed);
  let elderDevices = state.elderDevices;
  for (const d of decisions) {
    switch (d.kind) {
      case 'raise':
      case 'update':
        alerts.set(d.alert.id, d.alert);
        break;
      case 'createTask':
        tasks.push(d.task);
        break;
      case 'arm':
        armed.set(d.deadline.key, d.deadline);
        break;
      case 'disarm':
        armed.delete(d.key);
        break;
      case 'setState':
        if (d.value === null) ruleStates.delete(d.key);
        else ruleStates.set(d.key, d.value);
        break;
      case 'presence':
        elderDevices = elderDevices.map((x) => (x.id === d.deviceId ? { ...x, presence: d.presence } : x));
        break;
      case 'seen':
        // As the app does: only the in-memory last-seen time moves, and only forward.
        elderDevices = elderDevices.map((x) => (x.id === d.deviceId && x.presence && d.at > x.presence.lastSeenAt ? { ...x, presence: { ...x.presence, lastSeenAt: d.at } } : x));
        break;
      case 'ignore':
        break;
    }
  }
  const device = state.device ? (elderDevices.find((x) => x.id === state.device?.id) ?? state.device) : null;
  return {
    state: {
      ...state,
      device,
      elderDevices,
      ruleStates,
      openAlerts: [...alerts.values()].filter((a) => OPEN_ALERT_STATUSES.includes(a.status)),
      openTasks: tasks.filter((t) => t.status === 'open'),
    },
    alerts,
    tasks,
    armed,
  };
}

/** it.each rows titled by their `name` field (vitest would quote and cut a $name placeholder). */
export const named = <T extends { name: string }>(rows: T[]): Array<[string, T]> => rows.map((row) => [row.name, row]);
