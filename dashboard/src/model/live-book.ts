// What the alert and task books share: a book of records the live link keeps current. Every live event for a record
// bumps its version; the reply to an action applies only when no live event for that record arrived while the
// request was under way (the live link sends that action's result too, in commit order). Final is final: a reply
// never changes a record already seen closed. No DOM.

export abstract class LiveBook<T extends { id: string; status: string }> {
  protected readonly open = new Map<string, T>();
  protected readonly versions = new Map<string, number>();

  /** Whether a value from the wire is a record of this book (anything else is dropped). */
  protected abstract accepts(value: unknown): value is T;
  /** Files the record as open or closed, and keeps what the book remembers of closed ones. */
  protected abstract place(record: T): void;
  /** Whether the record is shown closed (done, resolved, ...): nothing changes it any more. */
  protected abstract isFinal(id: string): boolean;
  abstract get(id: string): T | undefined;

  protected bump(id: string): void {
    this.versions.set(id, (this.versions.get(id) ?? 0) + 1);
  }

  /** A snapshot is the whole truth about open records; closed ones seen this session stay. */
  replace(records: unknown[]): void {
    this.open.clear();
    for (const record of records) {
      if (!this.accepts(record)) continue;
      this.bump(record.id);
      this.place(record);
    }
  }

  /** A live event: it always wins, the server sends them in commit order. */
  upsert(record: unknown): boolean {
    if (!this.accepts(record)) return false;
    this.bump(record.id);
    this.place(record);
    return true;
  }

  /** How many live updates of the record this page has seen; taken before an action, compared after it. */
  version(id: string): number {
    return this.versions.get(id) ?? 0;
  }

  /** The reply to an action: applies when the live link said nothing about the record since `sinceVersion`. */
  applyReply(record: unknown, sinceVersion?: number): boolean {
    if (!this.accepts(record)) return false;
    if (this.isFinal(record.id)) return false;
    if (this.get(record.id) && sinceVersion !== undefined && this.version(record.id) !== sinceVersion) return false;
    this.place(record);
    return true;
  }

  clear(): void {
    this.open.clear();
    this.versions.clear();
  }
}
