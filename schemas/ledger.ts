import { z } from 'zod';
import { alertTypeSchema } from './alert.js';
import { assessmentSchema, consentSchema, elderGroupSchema, sexSchema } from './elder-record.js';

// The ledger (台账) of one elder (issue 21): everything that happened for the elder in a period, one chronological
// list, with the record it belongs to. The county's plans ask for a "dynamically updated ledger": it is read from the
// alerts, tasks and calls as they are, never kept as a copy.

/** A local calendar date (YYYY-MM-DD) or epoch milliseconds. */
const periodBound = z.union([z.iso.date(), z.string().regex(/^\d{1,15}$/, 'epoch milliseconds')]);

export const ledgerQuerySchema = z.strictObject({
  /** The first local day (or instant) of the period; default: the first day of this local month. */
  from: periodBound.optional(),
  /** The last local day of the period, included (or an instant, excluded); default: the end of `from`'s month. */
  to: periodBound.optional(),
  format: z.enum(['json', 'csv', 'xlsx']).default('json'),
});
export type LedgerQuery = z.infer<typeof ledgerQuerySchema>;

export const LEDGER_KINDS = ['alert', 'visit', 'service', 'task', 'call', 'note'] as const;
export const ledgerKindSchema = z.enum(LEDGER_KINDS);
export type LedgerKind = z.infer<typeof ledgerKindSchema>;

const isoTime = z.iso.datetime();

/** One line of the ledger. Every field but kind, at and refId is null when it does not apply to the kind. */
export const ledgerEntrySchema = z.object({
  kind: ledgerKindSchema,
  /** When it happened: raised, started, written; for a task the time it was done, if in the period, else created. */
  at: isoTime,
  /** The alert, task or call it is (a note: its alert). */
  refId: z.string(),
  /** An alert's type, a task's kind, a call's category, a note's alert type: a code, the screens word it. */
  type: z.string(),
  alertType: alertTypeSchema.nullable(),
  status: z.string().nullable(),
  /** A task's outcome, a call's outcome, how an alert was closed (its status). */
  outcome: z.string().nullable(),
  closedAt: isoTime.nullable(),
  /** Who handled it: the assignee, the operator, the note's author (names, not ids). */
  by: z.string().nullable(),
  /** A visit's mode (door, phone, video) when the task says it. */
  mode: z.string().nullable(),
  /** A visit's attempt within its period (1 the first) when the task says it. */
  attempt: z.number().int().nullable(),
  note: z.string().nullable(),
});
export type LedgerEntry = z.infer<typeof ledgerEntrySchema>;

export const ledgerElderSchema = z.object({
  id: z.string(),
  name: z.string(),
  idNumberMasked: z.string().nullable(),
  sex: sexSchema.nullable(),
  age: z.number().int().nullable(),
  veryOld: z.boolean(),
  groups: z.array(elderGroupSchema),
  address: z.string(),
  phone: z.string().nullable(),
  /** The names of the elder's regions, from the top down to the community. */
  regionNames: z.array(z.string()),
  assessment: assessmentSchema.nullable(),
  consent: consentSchema.nullable(),
  guardian: z.object({ name: z.string(), phone: z.string() }).nullable(),
});

export const ledgerSchema = z.object({
  elder: ledgerElderSchema,
  /** The period [from, to). */
  from: isoTime,
  to: isoTime,
  /** Oldest first. */
  entries: z.array(ledgerEntrySchema),
});
export type Ledger = z.infer<typeof ledgerSchema>;
