import type { Deadline } from '../../../core/deadline.js';

// Deadlines are data (docs/decisions/0005-deadlines-are-data.md): armed and disarmed by the decision commit, read
// here by the scheduler that fires them and by the elder's state.

export interface DeadlineStore {
  /** Deadlines due at or before `now`, earliest first. */
  dueDeadlines(now: number, limit: number): Promise<Deadline[]>;
  listDeadlines(elderId: string): Promise<Deadline[]>;
}
