import type { DeviceMessage, InputDefect } from '../../../../schemas/index.js';
import { ignore, type Decision } from '../../core/decisions.js';
import type { ElderState } from '../../core/elder-state.js';
import { evaluateMessage } from '../../core/evaluate.js';
import { markInputDefects } from '../../core/input-defects.js';
import { isMereRepeat } from '../../core/alerts/mere-repeat.js';
import { maintenanceVisit, type MisbehaviourReason } from './maintenance-flags.js';

// The "decide" step of the ingest path, a pure function of (message, the elder's state, now): what the rules make of
// one admitted message, and what the path must know afterwards (a merged over-rate repeat, a maintenance visit
// opened). The rule runner calls it under the elder's lock, once per attempt.

/** What was wrong with a salvaged life-safety event, and the schema's own words for it. */
export interface Salvage {
  defects: InputDefect[];
  detail: string;
}

export interface MessageVerdict {
  decisions: Decision[];
  /** An over-rate life-safety repeat of an open alert: merged without a write. */
  merged: boolean;
  /** The maintenance visit these decisions open for the device, if they open one. */
  flagged: MisbehaviourReason | null;
}

/**
 * `overRate`: the device is over its message rate (only life-safety events get here then); `salvage`: the event was
 * refused by its schema and salvaged (its defects go on the alert, and the device gets a visit).
 */
export function decideOnMessage(message: DeviceMessage, state: ElderState, now: number, how: { overRate: boolean; salvage: Salvage | undefined }): MessageVerdict {
  const decisions = evaluateMessage(message, state, now);
  if (how.overRate && isMereRepeat(decisions, state)) {
    return withVisit([ignore('repeat_merged_over_rate')], state, now, 'message_flood', true);
  }
  if (!how.salvage) return { decisions, merged: false, flagged: null };
  return withVisit(markInputDefects(decisions, message.payload.type, how.salvage.defects), state, now, 'malformed_messages', false);
}

/** Adds the device's maintenance visit (maintenance-flags.ts). */
function withVisit(decisions: Decision[], state: ElderState, now: number, reason: MisbehaviourReason, merged: boolean): MessageVerdict {
  const visit = maintenanceVisit(state, now, reason);
  return { decisions: [...decisions, ...visit.decisions], merged, flagged: visit.opens ? reason : null };
}
