import type { ElderRecord, ElderStore } from './elders.port.js';

// Elders by ID number, and many elders written at once (the import of a civil-affairs list, issue 21). The ID number
// is what makes an import idempotent: a second import of the same list finds the elders the first one made.

/** A change to an existing record, as updateElderRecord takes it. */
export type ElderRecordPatch = Parameters<ElderStore['updateElderRecord']>[1];

export interface ElderImportStore {
  /** The elders with any of these ID numbers (several for one number only in data older than the check). */
  findEldersByIdNumbers(idNumbers: readonly string[]): Promise<ElderRecord[]>;
  /** Creates and changes the records in one transaction: all of them are written, or (on any error) none. */
  importElders(batch: { creates: readonly ElderRecord[]; updates: readonly { id: string; patch: ElderRecordPatch }[] }): Promise<void>;
}
