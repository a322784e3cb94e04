// A clock a test moves by hand, for a gateway whose deadlines and reports must see known times. It stands still
// between moves, so durations the gateway measures are exactly the ones the test made.

export interface ManualClock {
  now: () => number;
  advance(ms: number): void;
  set(at: number): void;
}

export function manualClock(start: number): ManualClock {
  let at = start;
  return {
    now: () => at,
    advance(ms) {
      at += ms;
    },
    set(to) {
      at = to;
    },
  };
}
