import type { Alert } from '../../core/alerts/alert.js';
import type { DeviceFacts, ElderState, ResponderCandidate, RuleSettings } from '../../core/elder-state.js';
import type { Task } from '../../core/tasks/task.js';
import type { CareDirectory } from '../directories/care-directory.js';
import type { DeviceRegistry, RegisteredDevice } from '../directories/device-registry.js';
import type { RegionDirectory } from '../directories/region-directory.js';
import type { AlertStore } from '../ports/store/alerts.port.js';
import type { DecisionStore } from '../ports/store/decisions.port.js';
import type { ElderStore } from '../ports/store/elders.port.js';
import type { TaskStore } from '../ports/store/tasks.port.js';
import type { UserStore } from '../ports/store/users.port.js';

// Assembles the state a rule reads for one elder: in-memory facts (care profile, devices, rule memory) plus the
// elder's open alerts and tasks from the store, and, when a decision may dispatch on its own, the responders nearby.
// With one instance, every write to alerts and tasks goes through the rule runner, which calls `forgetOpenItems` after
// committing one; so the open alerts and tasks read for an elder stay true until then and are kept in memory
// (`cacheOpenItems`). Reading them from the store on every message was two queries per reading of a wearable. With
// several instances another one may change them unseen, so they are read every time.

export interface StateBuilderDeps {
  store: AlertStore & DecisionStore & ElderStore & TaskStore & UserStore;
  registry: DeviceRegistry;
  directory: CareDirectory;
  regions: RegionDirectory;
  settings: RuleSettings;
  newId: () => string;
  /** Keep each elder's open alerts and tasks in memory between messages (one instance only, see above). */
  cacheOpenItems: boolean;
  /** An away state stored without an end (before AWAY_MAX_DAYS existed) ends this long after it began. */
  awayMaxMs: number;
}

interface OpenItems {
  alerts: readonly Alert[];
  tasks: readonly Task[];
}

export function createElderStateBuilder(deps: StateBuilderDeps) {
  const { store, registry, directory, regions } = deps;
  const openItemsByElder = new Map<string, OpenItems>();

  async function openItemsOf(elderId: string, fresh: boolean): Promise<OpenItems> {
    const cached = deps.cacheOpenItems && !fresh ? openItemsByElder.get(elderId) : undefined;
    if (cached) return cached;
    const [alerts, tasks] = await Promise.all([store.findOpenAlerts(elderId), store.findOpenTasks(elderId)]);
    const items = { alerts, tasks };
    if (deps.cacheOpenItems) openItemsByElder.set(elderId, items);
    return items;
  }

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
    /** After a commit that wrote alerts or tasks of the elder (or may have): the next build reads them again. */
    forgetOpenItems(elderId: string): void {
      openItemsByElder.delete(elderId);
    },
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
      const awayUntil = care.away ? (care.away.until ?? care.away.since + deps.awayMaxMs) : null;
      const away = care.away && awayUntil !== null && awayUntil > now ? { since: care.away.since, until: awayUntil } : null;
      const fresh = options.freshRuleStates ?? false;
      // The common case (a reading, a heartbeat) reads nothing from the store: open items cached, no responders.
      const [openItems, responders, storedRuleStates] =
        options.withResponders || fresh
          ? await Promise.all([
              openItemsOf(elderId, fresh),
              options.withResponders ? respondersFor(elderId, care.regionId) : Promise.resolve([]),
              fresh ? store.listRuleStates(elderId) : Promise.resolve(null),
            ])
          : [await openItemsOf(elderId, false), [], null];
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
        openAlerts: openItems.alerts,
        openTasks: openItems.tasks,
        responders,
        ruleStates: care.ruleStates,
        newId: deps.newId,
      };
    },
  };
}

export type ElderStateBuilder = ReturnType<typeof createElderStateBuilder>;
