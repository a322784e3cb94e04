import { randomInt, shuffled, type Random } from './chaos-random.js';

// The plans of the chaos tests, made from a seed before anything runs, so that a failing run can be replayed.
// Times are offsets from the moment a life of the gateway became ready, because how long a start takes is up to the
// machine, not the seed.

/** About how long a start takes here (tsx, 2 cores); only used to spread presses into the downtime. */
const EXPECTED_START_MS = 2_500;

export interface PlannedPress {
  elder: number;
  /** After the life's ready time; past `upMs` the press happens while the gateway is dead or starting. */
  atMs: number;
  /** Made a few milliseconds before the kill, so that it is in flight (or just committed) when the signal lands. */
  nearKill: boolean;
}

export interface SosCycle {
  /** How long this life runs before SIGKILL. */
  upMs: number;
  /** How long the supervisor waits before starting the next life. */
  restartDelayMs: number;
  presses: PlannedPress[];
}

/**
 * Every elder presses once. Some presses land a few milliseconds before a kill; the others at a random moment of a
 * random life, its downtime included. Some lives are very short, so kills also hit the burst of resends that follows
 * a restart.
 */
export function planSosChaos(random: Random, options: { elders: number; kills: number; nearKillPerCycle: number }): SosCycle[] {
  const cycles: SosCycle[] = Array.from({ length: options.kills }, () => ({
    upMs: random() < 0.3 ? randomInt(random, 0, 150) : randomInt(random, 150, 1_500),
    restartDelayMs: randomInt(random, 0, 300),
    presses: [],
  }));
  const elders = shuffled(
    random,
    Array.from({ length: options.elders }, (_, i) => i),
  );
  elders.forEach((elder, n) => {
    const nearKillCycle = Math.floor(n / options.nearKillPerCycle);
    if (nearKillCycle < cycles.length) {
      const cycle = cycles[nearKillCycle] as SosCycle;
      cycle.presses.push({ elder, atMs: Math.max(0, cycle.upMs - randomInt(random, 0, 12)), nearKill: true });
      return;
    }
    const cycle = cycles[randomInt(random, 0, cycles.length - 1)] as SosCycle;
    cycle.presses.push({ elder, atMs: randomInt(random, 0, cycle.upMs + cycle.restartDelayMs + EXPECTED_START_MS), nearKill: false });
  });
  for (const c of cycles) c.presses.sort((a, b) => a.atMs - b.atMs);
  return cycles;
}

export interface AckCycle {
  /** Each ack is sent this long after the life's acks begin. */
  acks: Array<{ alert: number; atMs: number }>;
  /** SIGKILL this long after the acks begin. */
  killAtMs: number;
}

/**
 * Each alert is acknowledged once, a few per life, with the kill landing among the requests: some finish before it,
 * some are cut off in the middle, some may reach a process already gone.
 */
export function planAckChaos(random: Random, options: { alerts: number; kills: number; acksPerCycle: number; windowMs: number }): AckCycle[] {
  const alerts = shuffled(
    random,
    Array.from({ length: options.alerts }, (_, i) => i),
  );
  return Array.from({ length: options.kills }, (_, k) => {
    const killAtMs = randomInt(random, 0, options.windowMs);
    return {
      acks: alerts
        .slice(k * options.acksPerCycle, (k + 1) * options.acksPerCycle)
        // Up to a few milliseconds after the kill: the process may already be gone, as for an operator's late click.
        .map((alert) => ({ alert, atMs: randomInt(random, 0, killAtMs + 3) }))
        .sort((a, b) => a.atMs - b.atMs),
      killAtMs,
    };
  });
}
