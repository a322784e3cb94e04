import type { DeviceFacts, ElderState, ResponderCandidate, RuleSettings } from '../core/elder-state.js';
import type { CareDirectory } from './care-directory.js';
import type { DeviceRegistry, RegisteredDevice } from './device-registry.js';
import type { RegionDirectory } from './region-directory.js';
import type { Store } from './store.port.js';

// Assembles the state a rule reads for one elder: in-memory facts (care profile, devices, rule memory) plus the
// elder's open alerts and tasks from the store, and, when a decision may dispatch on its own, the responders nearby.

export interface StateBuilderDeps {
  store: Store;
  registry: DeviceRegistry;
  directory: CareDirectory;
  regions: RegionDirectory;
  settings: RuleSettings;
  newId: () => string;
}

export function createElderStateBuilder(deps: StateBuilderDeps) {
  const { store, registry, directory, regions } = deps;

  const facts = (d: RegisteredDevice, now: number): DeviceFacts => ({
    id: d.id,
    kind: d.kind,
    room: d.room,
    testMode: d.testModeUntil !== null && d.testModeUntil > now,
    presence: d.presence,
  });

  /** Responders of the elder's town (or region) and below, weighed as dispatch suggestions need. */
  async function respondersFor(elderId: string, regionId: string): Promise<ResponderCandidate[]> {
    const root = regions.searchRootOf(regionId);
    if (!root) return [];
    const [users, elder] = await Promise.all([store.listUsers({ regionPath: root.path, role: 'responder' }), store.getElder(elderId)]);
    const open = await store.countOpenAssignments(users.map((u) => u.id));
    const assigned = new Set(elder?.assignedResponderIds ?? []);
    return users.map((u) => ({
      id: u.id,
      displayName: u.displayName,
      regionId: u.regionId,
      sameCommunity: u.regionId === regionId,
      assignedToElder: assigned.has(u.id),
      onDuty: u.onDuty,
      openAssignments: open.get(u.id) ?? 0,
    }));
  }

  return {
    respondersFor,
    /** `freshRuleStates`: read the elder's rule memory from the store, not the cache (another instance may have moved it). */
    async build(
      elderId: string,
      deviceId: string | null,
      now: number,
      options: { withResponders?: boolean; freshRuleStates?: boolean } = {},
    ): Promise<ElderState | null> {
      const care = directory.get(elderId);
      if (!care) return null;
      const elderDevices = registry.ofElder(elderId).map((d) => facts(d, now));
      const away = care.away && (care.away.until === null || care.away.until > now) ? { since: care.away.since, until: care.away.until } : null;
      const [openAlerts, openTasks, responders, storedRuleStates] = await Promise.all([
        store.findOpenAlerts(elderId),
        store.findOpenTasks(elderId),
        options.withResponders ? respondersFor(elderId, care.regionId) : Promise.resolve([]),
        options.freshRuleStates ? store.listRuleStates(elderId) : Promise.resolve(null),
      ]);
      if (storedRuleStates) {
        care.ruleStates.clear();
        for (const s of storedRuleStates) care.ruleStates.set(s.key, s.value);
      }
      return {
        elder: { id: elderId, regionId: care.regionId, riskCategory: care.riskCategory, away },
        device: deviceId === null ? null : (elderDevices.find((d) => d.id === deviceId) ?? null),
        elderDevices,
        thresholds: care.thresholds,
        settings: deps.settings,
        openAlerts,
        openTasks,
        responders,
        ruleStates: care.ruleStates,
        newId: deps.newId,
      };
    },
  };
}

export type ElderStateBuilder = ReturnType<typeof createElderStateBuilder>;
