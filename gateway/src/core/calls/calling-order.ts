import type { CallOutcome } from '../../../../schemas/index.js';

// Whom the desk calls during an alarm, and who is next. The elder first (they may answer and say it was a slip),
// then the emergency contacts in the order the family gave them. An attempt is a call on record with the alert and
// the party; the next party is the first one with a number nobody has tried yet, as long as nobody has answered.

export interface CallingParty {
  /** 'elder', or 'contact:<index in the elder's contact list>'. */
  party: string;
  name: string;
  relation: string | null;
  phone: string | null;
}

export interface CallingAttempt {
  callId: string;
  party: string;
  at: number;
  outcome: CallOutcome;
  operator: string;
}

export interface CallingOrder {
  parties: (CallingParty & { attempts: Omit<CallingAttempt, 'party'>[] })[];
  next: string | null;
  answeredBy: string | null;
}

export const ELDER_PARTY = 'elder';
export const contactParty = (index: number): string => `contact:${index}`;

/** The parties of an elder's calling order, in order. */
export function callingParties(elder: { name: string; phone: string | null; contacts: readonly { name: string; relation: string; phone: string }[] }): CallingParty[] {
  return [
    { party: ELDER_PARTY, name: elder.name, relation: null, phone: elder.phone },
    ...elder.contacts.map((c, i) => ({ party: contactParty(i), name: c.name, relation: c.relation, phone: c.phone })),
  ];
}

/**
 * The calling order with the attempts made so far. `answeredBy` is the first party who answered; once someone has,
 * there is no next party (the desk knows what it needs). A party without a number is listed and never next.
 */
export function callingOrder(parties: readonly CallingParty[], attempts: readonly CallingAttempt[]): CallingOrder {
  const byTime = [...attempts].sort((a, b) => a.at - b.at || a.callId.localeCompare(b.callId));
  const answered = byTime.find((a) => a.outcome === 'answered' && parties.some((p) => p.party === a.party));
  const tried = new Set(byTime.map((a) => a.party));
  const next = answered ? null : (parties.find((p) => p.phone !== null && p.phone !== '' && !tried.has(p.party))?.party ?? null);
  return {
    parties: parties.map((p) => ({
      ...p,
      attempts: byTime.filter((a) => a.party === p.party).map(({ callId, at, outcome, operator }) => ({ callId, at, outcome, operator })),
    })),
    next,
    answeredBy: answered?.party ?? null,
  };
}

const OUTCOME_WORDS: Record<CallOutcome, string> = {
  answered: '已接听 / answered',
  no_answer: '无人接听 / no answer',
  busy: '占线 / busy',
  wrong_number: '号码错误 / wrong number',
};

/** The alert's timeline note for one attempt: "儿子 张伟 13812345678: 无人接听 / no answer", then the operator's note. */
export function attemptNote(party: CallingParty, outcome: CallOutcome, note: string | null): string {
  const who = [party.party === ELDER_PARTY ? '老人本人' : party.relation, party.name, party.phone].filter((x) => x !== null && x !== '').join(' ');
  const line = `${who}: ${OUTCOME_WORDS[outcome]}`;
  return note ? `${line} — ${note}` : line;
}
