// Many short strings (names, addresses, numbers) searched for a fragment at once: joined into one string, so one
// native indexOf loop replaces thousands of includes calls, and each occurrence is mapped back to its item by a
// binary search over where each item starts. Built once from a snapshot; rebuilt when the items change.

/** Cannot occur in what the desk types: the gateway refuses NUL characters in requests (refuse-nul.ts). */
const SEPARATOR = '\u0000';

export class SubstringCorpus {
  private readonly text: string;
  private readonly starts: Int32Array;

  /** `keysOf(i)`: the strings of item i (several for the numbers of an elder and the contacts). */
  constructor(count: number, keysOf: (i: number) => readonly string[]) {
    const parts: string[] = [];
    this.starts = new Int32Array(count + 1);
    let at = 0;
    for (let i = 0; i < count; i++) {
      this.starts[i] = at;
      const segment = SEPARATOR + keysOf(i).join(SEPARATOR) + SEPARATOR;
      parts.push(segment);
      at += segment.length;
    }
    this.starts[count] = at;
    this.text = parts.join('');
  }

  /**
   * Adds to `into` every item one of whose strings contains `fragment`; with `atEnd`, only those with a string
   * ending in it. Each item is counted once.
   */
  collect(fragment: string, into: Set<number>, atEnd = false): void {
    if (fragment.length === 0 || fragment.includes(SEPARATOR)) return;
    const needle = atEnd ? fragment + SEPARATOR : fragment;
    let from = 0;
    for (;;) {
      const found = this.text.indexOf(needle, from);
      if (found < 0) return;
      const item = this.itemAt(found);
      into.add(item);
      // The rest of this item's strings cannot add it again.
      from = this.starts[item + 1]!;
    }
  }

  private itemAt(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 2;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}
