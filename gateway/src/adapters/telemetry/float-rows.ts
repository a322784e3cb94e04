// A growable table of fixed-width float64 rows, kept sorted by the first column (the time): the recent window's
// storage. Flat typed arrays instead of an object per reading, because 20,000 devices' series add up.

const EMPTY = new Float64Array(0);

/** A growable table of fixed-width float64 rows, kept sorted by the first column (the time). */
export class Rows {
  data = EMPTY;
  len = 0;
  constructor(readonly width: number) {}

  at(row: number, column = 0): number {
    return this.data[row * this.width + column]!;
  }

  /** The first row whose time is `t` or later. */
  lowerBound(t: number): number {
    let hi = this.len;
    if (hi === 0 || this.at(hi - 1) < t) return hi; // the usual case: readings arrive in order
    let lo = 0;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.at(mid) < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Opens a row at `row`, returns its offset in `data`. Grows by a quarter: 80,000 series' slack adds up. */
  insert(row: number): number {
    const w = this.width;
    if ((this.len + 1) * w > this.data.length) this.resize(Math.ceil(this.len * 1.25) + 8, 0);
    this.data.copyWithin((row + 1) * w, row * w, this.len * w);
    this.len += 1;
    return row * w;
  }

  dropFront(count: number): void {
    if (count <= 0) return;
    this.len -= count;
    const w = this.width;
    // A series that shrank for good (a device that flooded, then calmed or went quiet) gives its memory back.
    if (this.data.length > 64 * w && this.len * 4 * w < this.data.length) this.resize(this.len * 2, count);
    else this.data.copyWithin(0, count * w, (count + this.len) * w);
  }

  private resize(rows: number, skip: number): void {
    const data = new Float64Array(rows * this.width);
    data.set(this.data.subarray(skip * this.width, (skip + this.len) * this.width));
    this.data = data;
  }
}
