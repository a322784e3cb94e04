// A small seeded PRNG (mulberry32), so a scenario given the same seed builds the same homes and presses:
// tests and demos can be replayed, and Math.random stays out of the simulator's decisions.

export type Random = () => number;

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An integer in [min, max], both ends included. */
export function randomInt(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

export function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

/** Waiting time until the next event of a Poisson process with the given mean (exponential distribution). */
export function exponentialDelay(random: Random, mean: number): number {
  return -Math.log(1 - random()) * mean;
}
