// Dead letters in the store (docs/decisions/0006-one-store-contract-two-engines.md: one contract, both engines): what devices sent that the gateway
// could not take as it was, kept for the desk and the admins (GET /api/v1/dead-letters), and the life-safety events
// it salvaged. Written on the routine connection: a dead letter is a record, never an alarm.

export interface DeadLetter {
  deviceId: string;
  topic: string;
  reason: string;
  /** What the schema found wrong, or the defects of a salvaged event; null when the reason says it all. */
  detail: string | null;
  payloadExcerpt: string;
  receivedAt: number;
}

/** A stored dead letter with its place in the log and, where the device is still registered, its elder and region. */
export interface DeadLetterRecord extends DeadLetter {
  seq: number;
  elderId: string | null;
  regionId: string | null;
}

export interface DeadLetterFilter {
  /** Only letters of devices whose elder lives in this region's subtree (letters of unknown devices are left out). */
  regionPath?: string;
  deviceId?: string;
  reason?: string;
  /** Received within [from, to). */
  receivedFrom?: number;
  receivedTo?: number;
  limit: number;
}

export interface DeadLetterStore {
  recordDeadLetter(letter: DeadLetter): Promise<void>;
  /** Newest first. */
  listDeadLetters(filter: DeadLetterFilter): Promise<DeadLetterRecord[]>;
}
