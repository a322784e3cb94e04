import type { Logger } from 'pino';
import type { ActivityDay, DeviceMessage } from '../../../../schemas/index.js';
import { localDay } from '../../core/local-time.js';
import type { ActivityDelta, ActivityStore } from '../ports/store/activity.port.js';
import { MINUTE, DAY } from '../../core/time-units.js';

// Each home's activity of the day (motion passes, door use, time in bed, steps), counted in memory as the devices'
// messages are admitted and added to the store every `flushEveryMs` (5 minutes) and when the gateway stops. The
// ingest path pays a map lookup and an addition per message, never a write: at 20,000 homes a write per motion
// event would double the commits. What a crash loses is bounded: the counts since the last flush, and the time
// in bed of an elder lying in bed at the crash until the bed sensor next reports (the in-bed start is in memory).
// Any message of the home's devices (a heartbeat too) makes the day known: a day without a row is a day the
// gateway did not hear the home, which the trend rule treats as unknown rather than as a day of no activity.

interface OpenDay {
  day: string;
  motionEvents: number;
  doorEvents: number;
  bedMs: number;
  steps: number;
  /** Counts changed (or the day is new) since the last flush. */
  dirty: boolean;
  /** In bed since then (bed sensor in_bed), counted into bedMs at out_of_bed, at each flush and at midnight. */
  inBedSince: number | null;
}

export interface ActivityTallyDeps {
  store: ActivityStore;
  clock: () => number;
  utcOffsetMinutes: number;
  logger: Logger;
}

export function createActivityTally(deps: ActivityTallyDeps) {
  const { store, clock, utcOffsetMinutes } = deps;
  const logger = deps.logger.child({ module: 'activity-tally' });
  const open = new Map<string, OpenDay>();
  /** Deltas taken out of `open` and not yet stored, merged by elder and day (a failed flush is retried). */
  const pending = new Map<string, ActivityDelta>();
  let flushing: Promise<void> = Promise.resolve();
  // The local day of the current time, formatted once per day rather than once per message (the ingest path).
  let cached = { day: '', from: 0, to: -1 };
  const dayAt = (at: number): string => {
    if (at < cached.from || at >= cached.to) {
      const from = midnightOf(at);
      cached = { day: localDay(at, utcOffsetMinutes), from, to: from + DAY };
    }
    return cached.day;
  };

  /** Local midnight at the start of the local day of `at`. */
  const midnightOf = (at: number): number => {
    const offset = utcOffsetMinutes * MINUTE;
    return Math.floor((at + offset) / DAY) * DAY - offset;
  };

  function take(elderId: string, e: OpenDay): void {
    if (!e.dirty) return;
    const key = `${elderId}\u0000${e.day}`;
    const before = pending.get(key);
    const delta: ActivityDelta = {
      elderId,
      day: e.day,
      motionEvents: (before?.motionEvents ?? 0) + e.motionEvents,
      doorEvents: (before?.doorEvents ?? 0) + e.doorEvents,
      bedMinutes: (before?.bedMinutes ?? 0) + e.bedMs / MINUTE,
      steps: Math.max(before?.steps ?? 0, e.steps),
    };
    pending.set(key, delta);
    e.motionEvents = 0;
    e.doorEvents = 0;
    e.bedMs = 0;
    e.dirty = false;
  }

  /** Brings the elder's open day to `now`: time in bed so far is counted, a past day is closed into `pending`. */
  function advance(elderId: string, e: OpenDay, now: number): void {
    const day = dayAt(now);
    if (e.day !== day) {
      const midnight = midnightOf(now);
      if (e.inBedSince !== null && e.inBedSince < midnight) {
        e.bedMs += midnight - e.inBedSince;
        e.inBedSince = midnight;
        e.dirty = true;
      }
      take(elderId, e);
      e.day = day;
      e.steps = 0;
      // The new day is known as soon as anything is heard; an elder still in bed is heard through the bed.
      e.dirty = e.inBedSince !== null;
    }
    if (e.inBedSince !== null && now > e.inBedSince) {
      e.bedMs += now - e.inBedSince;
      e.inBedSince = now;
      e.dirty = true;
    }
  }

  function dayOf(elderId: string, now: number): OpenDay {
    let e = open.get(elderId);
    if (!e) {
      e = { day: dayAt(now), motionEvents: 0, doorEvents: 0, bedMs: 0, steps: 0, dirty: true, inBedSince: null };
      open.set(elderId, e);
      return e;
    }
    if (e.day !== dayAt(now)) {
      advance(elderId, e, now);
      e.dirty = true;
    }
    return e;
  }

  async function flushNow(): Promise<void> {
    const now = clock();
    for (const [elderId, e] of open) {
      advance(elderId, e, now);
      take(elderId, e);
    }
    if (pending.size === 0) return;
    const deltas = [...pending.values()];
    pending.clear();
    try {
      await store.addActivity(deltas);
    } catch (err) {
      // Kept for the next flush, merged with what comes meanwhile (at most a row per elder and day).
      for (const d of deltas) {
        const key = `${d.elderId}\u0000${d.day}`;
        const later = pending.get(key);
        pending.set(
          key,
          later
            ? { ...d, motionEvents: d.motionEvents + later.motionEvents, doorEvents: d.doorEvents + later.doorEvents, bedMinutes: d.bedMinutes + later.bedMinutes, steps: Math.max(d.steps, later.steps) }
            : d,
        );
      }
      logger.error({ err, days: deltas.length }, 'daily activity not stored; retried at the next flush');
    }
  }

  return {
    /** An admitted message of one of the elder's devices. Cheap: no I/O, no await. */
    observe(elderId: string, message: DeviceMessage): void {
      const now = clock();
      const e = dayOf(elderId, now);
      if (message.channel === 'events') {
        switch (message.kind) {
          case 'motion_sensor':
            e.motionEvents += 1;
            e.dirty = true;
            break;
          case 'door_sensor':
            e.doorEvents += 1;
            e.dirty = true;
            break;
          case 'bed_sensor':
            if (message.payload.type === 'in_bed') e.inBedSince ??= now;
            else if (e.inBedSince !== null) {
              e.bedMs += Math.max(0, now - e.inBedSince);
              e.inBedSince = null;
              e.dirty = true;
            }
            break;
          default:
            break;
        }
      } else if (message.kind === 'wearable' && message.channel === 'telemetry' && message.payload.type === 'vitals' && message.payload.steps !== undefined) {
        if (message.payload.steps > e.steps) {
          e.steps = message.payload.steps;
          e.dirty = true;
        }
      }
    },

    /** Stores what was counted since the last flush; one at a time. */
    flush(): Promise<void> {
      flushing = flushing.then(flushNow);
      return flushing;
    },

    /** Today's counts not yet stored, for the desk's chart (added to the stored day). */
    unflushed(elderId: string): ActivityDay | null {
      const e = open.get(elderId);
      const now = clock();
      if (!e || e.day !== dayAt(now)) return null;
      const p = pending.get(`${elderId}\u0000${e.day}`);
      const inBed = e.inBedSince !== null ? Math.max(0, now - e.inBedSince) : 0;
      // Carried over midnight with nothing heard yet today: the day is not known (a stored row says when it is).
      if (!e.dirty && !p && e.motionEvents + e.doorEvents + e.bedMs + e.steps + inBed === 0) return null;
      return {
        day: e.day,
        motionEvents: e.motionEvents + (p?.motionEvents ?? 0),
        doorEvents: e.doorEvents + (p?.doorEvents ?? 0),
        bedMinutes: (e.bedMs + inBed) / MINUTE + (p?.bedMinutes ?? 0),
        steps: Math.max(e.steps, p?.steps ?? 0),
      };
    },
  };
}

export type ActivityTally = ReturnType<typeof createActivityTally>;

