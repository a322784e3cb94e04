import { randomInt, seededRandom, type Random } from '../../device-sim/src/seeded-random.js';

// Randomness for the chaos tests, always from a seed that is printed: a failure seen once can be replayed with
// CHAOS_SEED=<seed>. The moments of kills and presses come from it; what the OS scheduler adds on top cannot be
// replayed, so a replay re-creates the plan, not every interleaving.

export { randomInt, seededRandom, type Random };

/** The seed of this run: CHAOS_SEED when given (to replay a failure), else a fresh one. */
export function chaosSeed(): number {
  const given = process.env.CHAOS_SEED;
  if (given !== undefined && given !== '') {
    const seed = Number(given);
    if (!Number.isInteger(seed) || seed < 0) throw new Error(`CHAOS_SEED must be a non-negative integer, got ${given}`);
    return seed;
  }
  return Math.floor(Math.random() * 2 ** 31);
}

/** A copy of `items` in a random order (Fisher–Yates). */
export function shuffled<T>(random: Random, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** Sleeps until the wall-clock time `at` (epoch ms); at once when it has passed. */
export const sleepUntil = (at: number): Promise<void> => sleep(at - Date.now());
