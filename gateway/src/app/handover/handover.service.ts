import { OPEN_ALERT_STATUSES, type Handover, type HandoverNoteReply, type HandoverQuery } from '../../../../schemas/index.js';
import { actorOf, DESK_ROLES, requireInScope, requireRole, type Access } from '../access.js';
import type { RegionDirectory } from '../directories/region-directory.js';
import { AppError } from '../errors.js';
import type { AlertStore } from '../ports/store/alerts.port.js';
import type { HandoverStore } from '../ports/store/handover.port.js';
import type { UserStore } from '../ports/store/users.port.js';
import { handoverSummary } from './handover-summary.js';

// The shift handover (交接班): the summary the outgoing operator reads to the next shift, for the desk's region or a
// region inside it, over the shift's window (default the last 12 hours); and the note the outgoing operator leaves,
// which the next shift's summary lists.

const HOUR = 3600_000;
const DEFAULT_SHIFT_MS = 12 * HOUR;
/** A handover looks back at most a week: longer is a report's job, not a shift's. */
const MAX_WINDOW_MS = 7 * 24 * HOUR;
/** Open alerts are few (a desk works them); the cap only guards against a runaway. */
const OPEN_CAP = 5000;
/** Each list of the summary; a shift with more overdue tasks or notes than this has a bigger problem to hand over. */
const LIST_CAP = 200;

export function createHandoverService(deps: {
  store: AlertStore & HandoverStore & Pick<UserStore, 'findUserByUsername'>;
  regions: RegionDirectory;
  clock: () => number;
  newId: () => string;
}) {
  const { store, regions, clock, newId } = deps;

  function regionFor(access: Access, regionId: string | undefined) {
    const region = regions.get(regionId ?? access.regionId);
    if (!region) throw new AppError('REGION_NOT_FOUND');
    requireInScope(access, region.path);
    return region;
  }

  /** Display names of the people who wrote, looked up once each. */
  async function namesOf(actors: Array<string | null>): Promise<Map<string, string>> {
    const usernames = [...new Set(actors.filter((a): a is string => a !== null && a.startsWith('user:')).map((a) => a.slice(5)))];
    const found = await Promise.all(usernames.map(async (u) => [u, (await store.findUserByUsername(u))?.displayName ?? u] as const));
    return new Map(found);
  }

  return {
    async summary(access: Access, query: HandoverQuery): Promise<Handover> {
      requireRole(access, DESK_ROLES);
      const region = regionFor(access, query.regionId);
      const until = clock();
      const since = query.since === undefined ? until - DEFAULT_SHIFT_MS : Date.parse(query.since);
      if (!(since < until)) throw new AppError('REQUEST_INVALID', '`since` must be in the past');
      if (until - since > MAX_WINDOW_MS) throw new AppError('REQUEST_INVALID', '`since` may be at most 7 days back');
      const window = { regionPath: region.path, since, until, limit: LIST_CAP };
      const [open, overdueTasks, closed, handoverNotes, alertNotes, taskNotes] = await Promise.all([
        store.listAlerts({ statuses: OPEN_ALERT_STATUSES, limit: OPEN_CAP, regionPath: region.path, urgentFirst: true }),
        store.listOverdueTasks({ regionPath: region.path, now: until, limit: LIST_CAP }),
        store.countClosedAlerts({ regionPath: region.path, since, until }),
        store.listHandoverNotes(window),
        store.listNotedAlertEntries(window),
        store.listNotedTasks(window),
      ]);
      const names = await namesOf([...alertNotes.map((n) => n.actor), ...taskNotes.map((n) => n.actor)]);
      return handoverSummary({
        region: { id: region.id, name: region.name },
        since,
        until,
        open,
        overdueTasks,
        closed,
        handoverNotes,
        alertNotes,
        taskNotes,
        regionName: (id) => regions.get(id)?.name ?? '',
        personName: (actor) => (actor?.startsWith('user:') ? (names.get(actor.slice(5)) ?? actor.slice(5)) : ''),
      });
    },

    /** The outgoing operator's note, kept with the author's region so the desks of it and above read it. */
    async addNote(access: Access, note: string): Promise<HandoverNoteReply> {
      requireRole(access, DESK_ROLES);
      const record = { id: newId(), regionId: access.regionId, author: actorOf(access), authorName: access.displayName, note, at: clock() };
      await store.addHandoverNote(record);
      return { id: record.id, at: new Date(record.at).toISOString(), authorName: record.authorName, note: record.note };
    },
  };
}

export type HandoverService = ReturnType<typeof createHandoverService>;
