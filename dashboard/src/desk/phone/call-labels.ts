// The telephone's codes in words (lines, directions, categories, outcomes, what a lookup matched, complaint states),
// and whether what was typed into the number field is a number at all.

import type { CallCategory, CallLine, CallOutcome } from '../../../../schemas/index.js';
import { known, t } from '../../shared/i18n.js';

export const lineLabel = (line: CallLine) => t(`line.${line}`);
export const categoryLabel = (category: CallCategory) => t(`callCategory.${category}`);
export const outcomeLabel = (outcome: CallOutcome) => t(`callOutcome.${outcome}`);
export const directionLabel = (direction: 'inbound' | 'outbound') => t(`direction.${direction}`);
/** What a lookup matched; a kind this page does not know is left out. */
export const matchLabel = (match: string) => known(`match.${match}`);

/**
 * True when the text can be a phone number (digits with +, spaces, dashes, brackets, 转 for an extension): then it is
 * sent as the caller's number. A name or an address typed to search is not.
 */
export function looksLikeNumber(text: string): boolean {
  const trimmed = text.trim();
  return /^[+\d\s\-()（）转#*]+$/.test(trimmed) && (trimmed.match(/\d/g)?.length ?? 0) >= 3;
}
