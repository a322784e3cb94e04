import type { ElderLookupItem } from '../../../../schemas/index.js';
import { normalisePhone, phoneDigitsFragment } from './phone-number.js';

// Finding the caller while the phone rings: which elders a query typed at the desk (or a number the PBX gives) can
// mean, best first. A number is the strongest evidence: the elder's own, then a contact's (a daughter calling about
// her mother), then part of a number; then the name, whole before part; then the last characters of the ID number;
// an address fragment last. Ties go by name, then id, so the list never reorders between keystrokes.
// Pure: the in-memory index (app/directories/elder-lookup-index.ts) prepares the entries once; `rankElders` below
// prepares them on every call and is the plain form the tests and the bench's baseline use.

export interface LookupCandidate {
  id: string;
  name: string;
  address: string;
  phone: string | null;
  regionId: string;
  contacts: ReadonlyArray<{ name: string; relation: string; phone: string }>;
  idNumber: string | null;
}

/** A candidate with everything a query is compared with computed once: canonical numbers, folded text. */
export interface LookupEntry {
  candidate: LookupCandidate;
  /** The elder's canonical number; a stored number that is not one keeps its digits, for fragments only. */
  phone: { canonical: string | null; digits: string } | null;
  contacts: ReadonlyArray<{ canonical: string | null; digits: string; name: string; relation: string }>;
  name: string;
  address: string;
  idNumber: string | null;
}

/** A query read once: as a whole number, as part of one, as text, as the tail of an ID number. */
export interface LookupQuery {
  canonical: string | null;
  fragment: string | null;
  text: string;
  idTail: string | null;
}

export type LookupMatch = ElderLookupItem['matchedOn'][number];

export interface LookupHit {
  entry: LookupEntry;
  score: number;
  matchedOn: LookupMatch[];
  contact: { name: string; relation: string } | null;
}

/** Scores of each kind of match; a hit counts its strongest. */
export const MATCH_SCORES = {
  phone: 700,
  contactPhone: 600,
  phoneFragmentSuffix: 500,
  contactFragmentSuffix: 480,
  phoneFragment: 450,
  contactFragment: 430,
  fullName: 400,
  namePrefix: 350,
  namePartial: 300,
  idNumber: 200,
  address: 100,
} as const;

/** Case and spaces do not matter in names and addresses (王 秀英, Room 3B). */
const fold = (text: string): string => text.replace(/\s+/g, '').toLowerCase();

/** A query of 4–6 characters that can end an ID number (digits, the last one possibly X), or a whole one. */
const ID_TAIL = /^(?:\d{3,5}[\dX]|\d{17}[\dX])$/;

/** An address fragment shorter than this matches almost every home: it says nothing. */
export const MIN_ADDRESS_QUERY = 2;

function phoneKeys(stored: string, areaCode: string | undefined): { canonical: string | null; digits: string } {
  return { canonical: normalisePhone(stored, areaCode === undefined ? {} : { areaCode }), digits: stored.replace(/\D/g, '') };
}

export function prepareLookupEntry(candidate: LookupCandidate, options: { areaCode?: string | undefined } = {}): LookupEntry {
  return {
    candidate,
    phone: candidate.phone === null || candidate.phone === '' ? null : phoneKeys(candidate.phone, options.areaCode),
    contacts: candidate.contacts.map((c) => ({ ...phoneKeys(c.phone, options.areaCode), name: c.name, relation: c.relation })),
    name: fold(candidate.name),
    address: fold(candidate.address),
    idNumber: candidate.idNumber?.toUpperCase() ?? null,
  };
}

export function parseLookupQuery(q: string, options: { areaCode?: string | undefined } = {}): LookupQuery {
  const text = fold(q);
  const upper = text.toUpperCase();
  return {
    canonical: normalisePhone(q, options.areaCode === undefined ? {} : { areaCode: options.areaCode }),
    fragment: phoneDigitsFragment(q),
    text,
    idTail: ID_TAIL.test(upper) ? upper : null,
  };
}

/** The stored number's key a fragment is looked for in: the canonical digits, or what digits it had. */
export const phoneSearchKey = (keys: { canonical: string | null; digits: string }): string => keys.canonical ?? keys.digits;

const fragmentScore = (keys: { canonical: string | null; digits: string }, fragment: string, suffix: number, inside: number): number => {
  const key = phoneSearchKey(keys);
  if (key.endsWith(fragment)) return suffix;
  return key.includes(fragment) ? inside : 0;
};

/** How an entry matches a query, or null when it does not. */
export function matchEntry(query: LookupQuery, entry: LookupEntry): LookupHit | null {
  let phone = 0;
  let contactPhone = 0;
  let contact: LookupHit['contact'] = null;
  if (entry.phone !== null) {
    if (query.canonical !== null && entry.phone.canonical === query.canonical) phone = MATCH_SCORES.phone;
    else if (query.fragment !== null) phone = fragmentScore(entry.phone, query.fragment, MATCH_SCORES.phoneFragmentSuffix, MATCH_SCORES.phoneFragment);
  }
  for (const c of entry.contacts) {
    let score = 0;
    if (query.canonical !== null && c.canonical === query.canonical) score = MATCH_SCORES.contactPhone;
    else if (query.fragment !== null) score = fragmentScore(c, query.fragment, MATCH_SCORES.contactFragmentSuffix, MATCH_SCORES.contactFragment);
    if (score > contactPhone) {
      contactPhone = score;
      contact = { name: c.name, relation: c.relation };
    }
  }
  let name = 0;
  if (query.text.length > 0) {
    if (entry.name === query.text) name = MATCH_SCORES.fullName;
    else if (entry.name.startsWith(query.text)) name = MATCH_SCORES.namePrefix;
    else if (entry.name.includes(query.text)) name = MATCH_SCORES.namePartial;
  }
  const idNumber = query.idTail !== null && entry.idNumber !== null && entry.idNumber.endsWith(query.idTail) ? MATCH_SCORES.idNumber : 0;
  const address = query.text.length >= MIN_ADDRESS_QUERY && entry.address.includes(query.text) ? MATCH_SCORES.address : 0;
  // Most entries match nothing: they leave before anything is allocated for them.
  if (phone + contactPhone + name + idNumber + address === 0) return null;

  const scored: Array<[LookupMatch, number]> = [
    ['phone', phone],
    ['contact_phone', contactPhone],
    ['name', name],
    ['id_number', idNumber],
    ['address', address],
  ];
  const matched = scored.filter(([, score]) => score > 0).sort((a, b) => b[1] - a[1]);
  return {
    entry,
    score: matched[0]![1],
    matchedOn: matched.map(([kind]) => kind),
    // A contact is named only when the contact's number is what matched best among the numbers.
    contact: contactPhone > phone ? contact : null,
  };
}

/** Names in the order of a Chinese list (by pinyin), made once: building a collator per comparison is slow. */
const byName = new Intl.Collator('zh-CN');

/** Best first; equal scores by name, then id. */
export function compareHits(a: LookupHit, b: LookupHit): number {
  const x = a.entry.candidate;
  const y = b.entry.candidate;
  return b.score - a.score || byName.compare(x.name, y.name) || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
}

export function toLookupItem(hit: LookupHit): ElderLookupItem {
  const c = hit.entry.candidate;
  return { id: c.id, name: c.name, address: c.address, phone: c.phone, regionId: c.regionId, matchedOn: hit.matchedOn, contact: hit.contact };
}

/**
 * Keeps the `limit` best hits while scanning, so a query that matches thousands (a common surname) sorts only a few.
 */
export function bestHits(hits: Iterable<LookupHit>, limit: number): LookupHit[] {
  const best: LookupHit[] = [];
  for (const hit of hits) {
    if (best.length === limit && compareHits(hit, best[limit - 1]!) >= 0) continue;
    let at = best.length;
    while (at > 0 && compareHits(hit, best[at - 1]!) < 0) at -= 1;
    best.splice(at, 0, hit);
    if (best.length > limit) best.pop();
  }
  return best;
}

/** The plain form: every candidate prepared and compared on each call. */
export function rankElders(q: string, candidates: Iterable<LookupCandidate>, options: { limit: number; areaCode?: string | undefined }): ElderLookupItem[] {
  const query = parseLookupQuery(q, options);
  const hits: LookupHit[] = [];
  for (const candidate of candidates) {
    const hit = matchEntry(query, prepareLookupEntry(candidate, options));
    if (hit) hits.push(hit);
  }
  return bestHits(hits, options.limit).map(toLookupItem);
}
