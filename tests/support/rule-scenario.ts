import type { Deadline } from '../../gateway/src/core/deadline.js';
import type { Decision } from '../../gateway/src/core/decisions.js';
import type { ElderState } from '../../gateway/src/core/elder-state.js';
import { applyDecisions, asDevice, type Applied } from './elder-state.js';

// Runs pure rules one after another as the gateway would: each step's decisions are folded into the state
// (alerts and tasks stored, deadlines armed, memory kept) before the next step reads it.

export interface RuleScenario {
  /** Runs `rule` on the state as device `as` sees it (null when no device speaks, e.g. a deadline firing) and keeps its decisions. */
  step(as: string | null, rule: (state: ElderState) => Decision[]): Decision[];
  /** Fires the armed deadline `key` at its due time (or `at`), as the scheduler would: firing deletes it. */
  fire(key: string, rule: (deadline: Deadline, state: ElderState, now: number) => Decision[], at?: number): Decision[];
  /** Marks the elder away (or back home with null), as the app does outside the rules. */
  setAway(away: ElderState['elder']['away']): void;
  /** Everything stored so far. */
  readonly world: Applied;
}

export function ruleScenario(start: ElderState): RuleScenario {
  let world: Applied = applyDecisions(start, []);
  const step = (as: string | null, rule: (state: ElderState) => Decision[]): Decision[] => {
    const state = asDevice(world.state, as);
    const decisions = rule(state);
    world = applyDecisions(state, decisions, world);
    return decisions;
  };
  return {
    step,
    fire(key, rule, at) {
      const deadline = world.armed.get(key);
      if (!deadline) throw new Error(`${key} is not armed`);
      world.armed.delete(key);
      return step(null, (state) => rule(deadline, state, at ?? deadline.dueAt));
    },
    setAway(away) {
      world = { ...world, state: { ...world.state, elder: { ...world.state.elder, away } } };
    },
    get world(): Applied {
      return world;
    },
  };
}
