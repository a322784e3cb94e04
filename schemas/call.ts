import { z } from 'zod';
import { alertViewSchema, prioritySchema } from './alert.js';
import { serviceTypeSchema } from './devices/call-button.js';
import { taskViewSchema } from './task.js';

// The telephone at the desk: the 12349 elderly-care hotline, the supervision line, direct lines and people who walk
// in. Every call is on record; an emergency call raises an alert with no device, a service request opens the same
// service task as the green key, a complaint becomes a record with a handling deadline. Outbound calls during an
// alarm follow the contacts' calling order and are logged on the alert's timeline.

const isoTime = z.iso.datetime();
const id = z.string().min(1).max(64);
const text = (max: number) => z.string().trim().min(1).max(max);

export const CALL_DIRECTIONS = ['inbound', 'outbound'] as const;
export const callDirectionSchema = z.enum(CALL_DIRECTIONS);
export type CallDirection = z.infer<typeof callDirectionSchema>;

/** 12349 is the elderly-care hotline; 'supervision' the county's supervision line (监督电话). */
export const CALL_LINES = ['12349', 'supervision', 'direct', 'walk_in'] as const;
export const callLineSchema = z.enum(CALL_LINES);
export type CallLine = z.infer<typeof callLineSchema>;

/** 'wellbeing' is a chat for company (精神慰藉) and the desk's phone greeting (电话问候). */
export const CALL_CATEGORIES = ['emergency', 'service_request', 'question', 'complaint', 'wellbeing', 'wrong_number'] as const;
export const callCategorySchema = z.enum(CALL_CATEGORIES);
export type CallCategory = z.infer<typeof callCategorySchema>;

/** How an outbound attempt ended. */
export const CALL_OUTCOMES = ['answered', 'no_answer', 'busy', 'wrong_number'] as const;
export const callOutcomeSchema = z.enum(CALL_OUTCOMES);
export type CallOutcome = z.infer<typeof callOutcomeSchema>;

/**
 * A phone number as typed or as the PBX gives it. Whether it can be a Chinese mobile or landline number is checked
 * by the gateway (core/calls/phone-number.ts), which answers 400 PHONE_INVALID: zod only bounds its length.
 */
const phoneInput = z.string().trim().min(1).max(40);

export const createCallBodySchema = z
  .object({
    direction: callDirectionSchema,
    line: callLineSchema,
    /** The caller's number (inbound) or the number called (outbound). A walk-in may have none. */
    callerNumber: phoneInput.optional(),
    elderId: id.optional(),
    /** Who called, as they gave it, when they are not (yet) a registered elder. */
    callerName: text(100).optional(),
    address: text(300).optional(),
    category: callCategorySchema,
    note: z.string().trim().max(4000).optional(),
    startedAt: isoTime.optional(),
    endedAt: isoTime.optional(),
    /** Outbound: how it ended. */
    outcome: callOutcomeSchema.optional(),
    /** A phone check (电话问候) that completes this scheduled visit, when its policy allows a phone visit. */
    visitTaskId: id.optional(),
    /** The PBX's id of the call, when the call came through the telephony hook. */
    externalId: z.string().trim().min(1).max(120).optional(),
  })
  .strict();
export type CreateCallBody = z.infer<typeof createCallBodySchema>;

export const callViewSchema = z.object({
  id: z.string(),
  direction: callDirectionSchema,
  line: callLineSchema,
  /** Normalised national digits: 11 for a mobile (13812345678), 0 + area code + number for a landline (01088886666); null for a walk-in without one. */
  callerNumber: z.string().nullable(),
  elder: z.object({ id: z.string(), name: z.string() }).nullable(),
  callerName: z.string().nullable(),
  address: z.string().nullable(),
  category: callCategorySchema,
  note: z.string().nullable(),
  outcome: callOutcomeSchema.nullable(),
  /** The region the call belongs to: the elder's, or the operator's own for a caller nobody knows yet. */
  regionId: z.string(),
  operator: z.object({ id: z.string(), displayName: z.string() }),
  startedAt: isoTime,
  endedAt: isoTime.nullable(),
  /** What came of it: the alert raised, the service task opened, the complaint recorded, the visit completed. */
  alertId: z.string().nullable(),
  taskId: z.string().nullable(),
  complaintId: z.string().nullable(),
  externalId: z.string().nullable(),
  createdAt: isoTime,
});
export type CallView = z.infer<typeof callViewSchema>;

export const listCallsQuerySchema = z.strictObject({
  /** Searches the number (any format), the caller's name, the elder's name, the address and the note. */
  q: z.string().trim().min(1).max(100).optional(),
  direction: callDirectionSchema.optional(),
  line: callLineSchema.optional(),
  category: callCategorySchema.optional(),
  elderId: id.optional(),
  alertId: id.optional(),
  /** Calls for nobody registered yet. */
  unlinked: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  /** The `nextCursor` of the previous page. */
  cursor: z.string().max(200).optional(),
});
export type ListCallsQuery = z.infer<typeof listCallsQuerySchema>;

export const callPageSchema = z.object({ items: z.array(callViewSchema), nextCursor: z.string().nullable() });

/** 'P1'..'P3' as the desk says it, or the number as the alert carries it. */
const priorityInput = z.union([z.enum(['P1', 'P2', 'P3']).transform((p) => Number(p.slice(1)) as 1 | 2 | 3), prioritySchema]);

/** An alert raised by a call: no device, the operator's priority (P1 for an emergency unless chosen otherwise). */
export const callAlertBodySchema = z.object({ priority: priorityInput.optional(), note: z.string().trim().max(2000).optional() }).strict();

export const callServiceRequestBodySchema = z.object({ service: serviceTypeSchema, note: z.string().trim().max(2000).optional() }).strict();

export const linkCallBodySchema = z.object({ elderId: id }).strict();

/** Registers the caller as an elder from what the call recorded; the body fills or overrides it. */
export const registerFromCallBodySchema = z
  .object({
    name: text(100).optional(),
    address: text(300).optional(),
    phone: phoneInput.optional(),
    regionId: id.optional(),
  })
  .strict();

export const callAlertReplySchema = z.object({ call: callViewSchema, alert: alertViewSchema });
export const callTaskReplySchema = z.object({ call: callViewSchema, task: taskViewSchema });

// --- Finding the caller -------------------------------------------------------------------------------------------

export const ELDER_MATCHES = ['phone', 'contact_phone', 'name', 'address', 'id_number'] as const;
export const elderMatchSchema = z.enum(ELDER_MATCHES);

export const elderLookupQuerySchema = z.strictObject({ q: z.string().trim().min(1).max(100), limit: z.coerce.number().int().min(1).max(50).default(10) });

export const elderLookupItemSchema = z.object({
  id: z.string(),
  name: z.string(),
  address: z.string(),
  phone: z.string().nullable(),
  regionId: z.string(),
  /** What matched, strongest first: a contact's phone names the contact. */
  matchedOn: z.array(elderMatchSchema).min(1),
  /** When the number was a contact's: who they are to the elder. */
  contact: z.object({ name: z.string(), relation: z.string() }).nullable(),
});
export const elderLookupReplySchema = z.object({ items: z.array(elderLookupItemSchema) });
export type ElderLookupItem = z.infer<typeof elderLookupItemSchema>;

// --- Calling during an alarm --------------------------------------------------------------------------------------

/** Whom the desk calls during an alarm, in order: the elder first, then the contacts in their listed order. */
export const callPartySchema = z.object({
  /** 'elder', or 'contact:<index in the elder's contact list>'. */
  party: z.string(),
  name: z.string(),
  relation: z.string().nullable(),
  phone: z.string().nullable(),
  attempts: z.array(z.object({ callId: z.string(), at: isoTime, outcome: callOutcomeSchema, operator: z.string() })),
});
export const callingOrderSchema = z.object({
  alertId: z.string(),
  parties: z.array(callPartySchema),
  /** The party to call next: the first not yet answered and not yet tried, or null when someone answered or all were tried. */
  next: z.string().nullable(),
  answeredBy: z.string().nullable(),
});
export type CallingOrder = z.infer<typeof callingOrderSchema>;

export const callAttemptBodySchema = z
  .object({ party: z.string().regex(/^(elder|contact:\d{1,2})$/), outcome: callOutcomeSchema, note: z.string().trim().max(2000).optional() })
  .strict();

// --- Complaints (投诉) --------------------------------------------------------------------------------------------

export const COMPLAINT_SUBJECTS = ['provider', 'responder', 'service', 'other'] as const;
export const complaintSubjectSchema = z.enum(COMPLAINT_SUBJECTS);
/** open → answered (the caller was told) → closed (after the follow-up call). */
export const COMPLAINT_STATUSES = ['open', 'answered', 'closed'] as const;
export const complaintStatusSchema = z.enum(COMPLAINT_STATUSES);
export type ComplaintStatus = z.infer<typeof complaintStatusSchema>;

export const createComplaintBodySchema = z
  .object({
    callId: id.optional(),
    elderId: id.optional(),
    subject: complaintSubjectSchema,
    /** The provider's or responder's name, or the service complained about. */
    subjectName: text(200).optional(),
    statement: text(4000),
    /** The supervisor who owns it; the one recording it when it is a supervisor, else assigned later. */
    ownerId: id.optional(),
  })
  .strict();

export const complaintViewSchema = z.object({
  id: z.string(),
  status: complaintStatusSchema,
  subject: complaintSubjectSchema,
  subjectName: z.string().nullable(),
  statement: z.string(),
  elder: z.object({ id: z.string(), name: z.string() }).nullable(),
  regionId: z.string(),
  callId: z.string().nullable(),
  owner: z.object({ id: z.string(), displayName: z.string() }).nullable(),
  dueAt: isoTime,
  /** Past its deadline and not closed (now, not only when it was flagged). */
  overdue: z.boolean(),
  overdueFlaggedAt: isoTime.nullable(),
  answer: z.string().nullable(),
  answeredAt: isoTime.nullable(),
  followUpCallId: z.string().nullable(),
  closedAt: isoTime.nullable(),
  createdAt: isoTime,
  createdBy: z.string(),
});
export type ComplaintView = z.infer<typeof complaintViewSchema>;

export const listComplaintsQuerySchema = z.strictObject({
  status: z.enum(['open', 'answered', 'closed', 'overdue', 'unclosed', 'all']).default('unclosed'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const answerComplaintBodySchema = z.object({ answer: text(4000) }).strict();
export const assignComplaintBodySchema = z.object({ ownerId: id }).strict();
/** Closes after the follow-up call to the person who complained (a call of this gateway's record). */
export const closeComplaintBodySchema = z.object({ followUpCallId: id, note: z.string().trim().max(2000).optional() }).strict();

// --- The telephony hook ------------------------------------------------------------------------------------------

export const telephonyIncomingBodySchema = z
  .object({ callerNumber: phoneInput, line: callLineSchema, externalId: z.string().trim().min(1).max(120).optional() })
  .strict();

export const callIncomingEventSchema = z.object({
  callerNumber: z.string(),
  line: callLineSchema,
  externalId: z.string().nullable(),
  at: isoTime,
  /** The elders the number belongs to (theirs or a contact's), best first; empty when nobody matches. */
  matches: z.array(elderLookupItemSchema),
});
export type CallIncomingEvent = z.infer<typeof callIncomingEventSchema>;

export const createIntegrationTokenBodySchema = z.object({ name: text(100), regionId: id.optional() }).strict();
export const integrationTokenViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  regionId: z.string(),
  createdAt: isoTime,
  revokedAt: isoTime.nullable(),
});
/** The token itself is shown once, when it is made; the gateway keeps only its hash. */
export const createdIntegrationTokenSchema = integrationTokenViewSchema.extend({ token: z.string() });

// --- Reports -------------------------------------------------------------------------------------------------------

export const callReportQuerySchema = z.strictObject({
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
  regionId: id.optional(),
  format: z.enum(['json', 'csv']).default('json'),
});
export const callReportSchema = z.object({
  from: isoTime,
  to: isoTime,
  regionId: z.string(),
  /** Per local day, line and category. */
  byDay: z.array(z.object({ day: z.string(), line: callLineSchema, category: callCategorySchema, count: z.number().int().nonnegative() })),
  /** Per town and community (the call's region, rolled up to its town). */
  byRegion: z.array(z.object({ regionId: z.string(), name: z.string(), level: z.string(), count: z.number().int().nonnegative() })),
  complaints: z.object({
    opened: z.number().int().nonnegative(),
    closed: z.number().int().nonnegative(),
    closedInTime: z.number().int().nonnegative(),
    /** Not closed and past the deadline now: what is still waiting. */
    overdue: z.number().int().nonnegative(),
  }),
});
export type CallReport = z.infer<typeof callReportSchema>;
