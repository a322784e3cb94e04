import type { ElderLookupItem } from '../../../../schemas/index.js';
import {
  bestHits,
  matchEntry,
  MIN_ADDRESS_QUERY,
  parseLookupQuery,
  phoneSearchKey,
  prepareLookupEntry,
  toLookupItem,
  type LookupCandidate,
  type LookupEntry,
  type LookupHit,
  type LookupQuery,
} from '../../core/calls/elder-lookup.js';
import { SubstringCorpus } from './substring-corpus.js';

// The elders as the desk searches them while a phone rings, held in memory: every stored number normalised once,
// names and addresses folded once, and each searched field joined into one string (substring-corpus.ts), so a query
// picks its few candidates with native string search before the ranking of core/calls/elder-lookup.ts scores them.
// Milliseconds at 20,000 elders (bench/elder-lookup.ts). Loaded at start and updated after the store committed a
// change, beside the care directory (registration, calls, cluster-sync). Joining the fields again costs tens of
// milliseconds, too much for the lookup right after a registration: a changed elder is kept aside and compared
// directly until enough have changed to make joining again worth it.

/** What the index keeps of an elder: an ElderRecord is one. */
export type LookupFields = LookupCandidate;

/** Changed elders compared one by one before the fields are joined again. */
const MAX_CHANGED_ASIDE = 256;

/** The searched fields of every entry, in one order, as they were when joined. */
interface Corpora {
  entries: LookupEntry[];
  phones: SubstringCorpus;
  names: SubstringCorpus;
  addresses: SubstringCorpus;
  idNumbers: SubstringCorpus;
}

export class ElderLookupIndex {
  private readonly entries = new Map<string, LookupEntry>();
  private corpora: Corpora | null = null;
  /** Elders put or removed since the corpora were joined: their joined fields are out of date. */
  private readonly changed = new Set<string>();

  /** `areaCode` completes bare local numbers stored without one (PHONE_AREA_CODE). */
  constructor(private readonly options: { areaCode?: string | undefined } = {}) {}

  static load(elders: readonly LookupFields[], options: { areaCode?: string | undefined } = {}): ElderLookupIndex {
    const index = new ElderLookupIndex(options);
    for (const e of elders) index.put(e);
    return index;
  }

  /** Adds the elder or replaces what the index held of them. */
  put(e: LookupFields): void {
    const entry = prepareLookupEntry(
      { id: e.id, name: e.name, address: e.address, phone: e.phone, regionId: e.regionId, contacts: e.contacts, idNumber: e.idNumber },
      this.options,
    );
    this.entries.set(e.id, entry);
    this.setAside(e.id);
  }

  remove(id: string): void {
    if (this.entries.delete(id)) this.setAside(id);
  }

  private setAside(id: string): void {
    if (!this.corpora) return;
    this.changed.add(id);
    if (this.changed.size > MAX_CHANGED_ASIDE) this.corpora = null;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The best `limit` elders for the query among those whose region `visible` accepts. */
  lookup(q: string, options: { limit: number; visible: (regionId: string) => boolean }): ElderLookupItem[] {
    const query = parseLookupQuery(q, this.options);
    const visible = memoised(options.visible);
    const corpora = this.searchable();
    const picked = new Set<number>();
    // A superset of what the ranking can match, field by field; matchEntry decides and scores. A whole number is
    // searched as its canonical digits (equal keys contain each other) and as typed (a fragment of other numbers).
    if (query.fragment !== null) corpora.phones.collect(query.fragment, picked);
    if (query.canonical !== null) corpora.phones.collect(query.canonical, picked);
    if (query.text.length > 0) corpora.names.collect(query.text, picked);
    if (query.text.length >= MIN_ADDRESS_QUERY) corpora.addresses.collect(query.text, picked);
    if (query.idTail !== null) corpora.idNumbers.collect(query.idTail, picked, true);
    const candidates: LookupEntry[] = [];
    for (const i of picked) {
      const entry = corpora.entries[i]!;
      if (!this.changed.has(entry.candidate.id)) candidates.push(entry);
    }
    // What changed since the fields were joined, as it is now (a removed elder is gone).
    for (const id of this.changed) {
      const entry = this.entries.get(id);
      if (entry) candidates.push(entry);
    }
    return bestHits(this.score(query, candidates, visible), options.limit).map(toLookupItem);
  }

  private score(query: LookupQuery, entries: readonly LookupEntry[], visible: (regionId: string) => boolean): LookupHit[] {
    const hits: LookupHit[] = [];
    for (const entry of entries) {
      if (!visible(entry.candidate.regionId)) continue;
      const hit = matchEntry(query, entry);
      if (hit) hits.push(hit);
    }
    return hits;
  }

  private searchable(): Corpora {
    if (this.corpora) return this.corpora;
    this.changed.clear();
    const entries = [...this.entries.values()];
    const corpus = (keysOf: (e: LookupEntry) => string[]) => new SubstringCorpus(entries.length, (i) => keysOf(entries[i]!));
    this.corpora = {
      entries,
      phones: corpus((e) => [...(e.phone ? [phoneSearchKey(e.phone)] : []), ...e.contacts.map(phoneSearchKey)]),
      names: corpus((e) => [e.name]),
      addresses: corpus((e) => [e.address]),
      idNumbers: corpus((e) => (e.idNumber === null ? [] : [e.idNumber])),
    };
    return this.corpora;
  }
}

/** Regions are few and elders many: each region's answer is asked once per lookup. */
function memoised(visible: (regionId: string) => boolean): (regionId: string) => boolean {
  const seen = new Map<string, boolean>();
  return (regionId) => {
    let answer = seen.get(regionId);
    if (answer === undefined) {
      answer = visible(regionId);
      seen.set(regionId, answer);
    }
    return answer;
  };
}
