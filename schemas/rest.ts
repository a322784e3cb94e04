import { z } from 'zod';
import { deviceStateSchema } from './device-admin.js';
import { ALERT_STATUSES, alertDetailSchema, alertStatusSchema, alertTypeSchema, alertViewSchema, resolutionReasonSchema } from './alert.js';
import { deviceKindSchema } from './devices/device-kinds.js';
import { placeLabelSchema } from './message-envelope.js';
import { riskCategorySchema, thresholdOverridesSchema, thresholdsSchema } from './elder-care-profile.js';
import { taskOutcomeSchema, taskStatusSchema, taskViewSchema } from './task.js';
import { serviceTypeSchema } from './devices/call-button.js';
import { isValidDeviceId } from './topics.js';
import { idNumberSchema } from './id-number.js';
import { geoPointSchema } from './geo-point.js';
import { assessmentSchema, calendarDateSchema, consentSchema, elderGroupSchema, elderGroupsSchema, sexSchema } from './elder-record.js';
import { elderListFilterFields } from './elder-list.js';
import { visitModeSchema } from './visit-policy.js';

// Bodies, query strings and replies of the REST API (/api/v1). fastify validates with these
// and the OpenAPI document at /api/docs is generated from them.

export const errorReplySchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});

export const loginBodySchema = z
  .object({
    username: z.string().min(1).max(100),
    password: z.string().min(1).max(200),
  })
  .strict();
export const loginReplySchema = z.object({ token: z.string(), expiresAt: z.iso.datetime() });

/** An emergency contact; the list is in the order the desk calls them. */
export const emergencyContactSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    relation: z.string().trim().min(1).max(40),
    phone: z.string().trim().min(3).max(40),
    /** Told through the notifier when a life-safety alarm is raised. */
    notify: z.boolean().default(false),
    /** The legal guardian (监护人), told apart from other contacts; at most one (ELDER_GUARDIAN_DUPLICATE). Absent: not. */
    guardian: z.boolean().optional(),
  })
  .strict();
export type EmergencyContact = z.infer<typeof emergencyContactSchema>;

const elderRecordFields = {
  /**
   * A Chinese mobile or landline in any common form (`+86 138-1234-5678`, `(0571) 8765 4321`), stored as its national
   * digits (`13812345678`); one that cannot be a number is refused with PHONE_INVALID, as is a contact's. '' means none.
   */
  phone: z.string().trim().max(40).optional(),
  /** 居民身份证号, optional; checked against its check character (GB 11643). */
  idNumber: idNumberSchema.optional(),
  /** Where the home is, WGS-84 (as a phone's GPS gives it): the desk and the responder get map links to it. */
  location: geoPointSchema.nullable().optional(),
  riskCategory: riskCategorySchema.default('general'),
  contacts: z.array(emergencyContactSchema).max(10).default([]),
  medicalNotes: z.string().trim().max(4000).default(''),
  /** Key safe, door code holder, dog, stairs: what a responder needs to get in. */
  accessNotes: z.string().trim().max(2000).default(''),
  assignedResponderIds: z.array(z.string().min(1).max(64)).max(20).default([]),
  /** Group tags from the one catalogue (schemas/elder-record.ts); duplicates collapse. */
  groups: elderGroupsSchema.default([]),
  /**
   * YYYY-MM-DD, not in the future nor over 130 years back (ELDER_DATE_INVALID); must agree with the ID number's
   * (ELDER_BIRTH_DATE_MISMATCH) and is taken from it when not given. Age and 高龄 follow from it.
   */
  birthDate: calendarDateSchema.nullable().optional(),
  /** Taken from the ID number's 17th digit when not given. */
  sex: sexSchema.nullable().optional(),
  /** The latest capability assessment (GB/T 42195-2022); its date not in the future. */
  assessment: assessmentSchema.nullable().optional(),
  /** The recorded consent to monitoring; its date not in the future. */
  consent: consentSchema.nullable().optional(),
};

// Strict, as every body here: a misspelt field (`regionID`) is refused rather than dropped, which would have put
// the elder at county level.
export const createElderBodySchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    address: z.string().trim().min(1).max(300),
    /** The elder's community; without it the elder belongs to the county (the root region). */
    regionId: z.string().min(1).max(64).optional(),
    ...elderRecordFields,
  })
  .strict();

/** Replaces the record's fields that are given. */
export const updateElderBodySchema = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    address: z.string().trim().min(1).max(300).optional(),
    regionId: z.string().min(1).max(64).optional(),
    phone: z.string().trim().max(40).optional(),
    /** null removes it. */
    idNumber: idNumberSchema.nullable().optional(),
    /** WGS-84; null removes it. */
    location: geoPointSchema.nullable().optional(),
    contacts: z.array(emergencyContactSchema).max(10).optional(),
    medicalNotes: z.string().trim().max(4000).optional(),
    accessNotes: z.string().trim().max(2000).optional(),
    assignedResponderIds: z.array(z.string().min(1).max(64)).max(20).optional(),
    /** Replaces the tags; [] removes them all. */
    groups: elderGroupsSchema.optional(),
    /** null removes it (and age with it), and so for sex, assessment and consent. */
    birthDate: calendarDateSchema.nullable().optional(),
    sex: sexSchema.nullable().optional(),
    assessment: assessmentSchema.nullable().optional(),
    consent: consentSchema.nullable().optional(),
  })
  .strict();
export const awaySchema = z.object({
  since: z.iso.datetime(),
  until: z.iso.datetime().nullable(),
  reason: z.string(),
});
export const elderSchema = z.object({
  id: z.string(),
  name: z.string(),
  address: z.string(),
  phone: z.string().nullable(),
  /** The ID number masked to its last 4 characters (`**************123X`); the whole number is never sent. */
  idNumberMasked: z.string().nullable(),
  /** Where the home is, WGS-84 degrees; null when not known. */
  location: geoPointSchema.nullable(),
  regionId: z.string(),
  /** `guardian` is always said here: true for the one legal guardian, false for the others. */
  contacts: z.array(emergencyContactSchema.extend({ guardian: z.boolean() })),
  medicalNotes: z.string(),
  accessNotes: z.string(),
  assignedResponderIds: z.array(z.string()),
  riskCategory: riskCategorySchema,
  /** The elder's own overrides; `thresholds` is what the rules use (defaults, category, overrides). */
  thresholdOverrides: thresholdOverridesSchema,
  thresholds: thresholdsSchema,
  away: awaySchema.nullable(),
  /** Group tags in catalogue order; [] when none are known. */
  groups: z.array(elderGroupSchema),
  birthDate: calendarDateSchema.nullable(),
  /** Whole years on the gateway's local date when the reply was made; null without a birth date. */
  age: z.number().int().nullable(),
  /** 高龄: age ≥ 80 (VERY_OLD_AGE); false without a birth date. */
  veryOld: z.boolean(),
  sex: sexSchema.nullable(),
  assessment: assessmentSchema.nullable(),
  consent: consentSchema.nullable(),
  createdAt: z.iso.datetime(),
});
export type Elder = z.infer<typeof elderSchema>;

export const createDeviceBodySchema = z
  .object({
    elderId: z.string().min(1).max(64),
    kind: deviceKindSchema,
    id: z.string().refine(isValidDeviceId, 'id may hold only letters, digits, _ and -, at most 64').optional(),
    /** Where it is installed ("bathroom", "kitchen", "203"): shown with its alerts; bathroom motion sensors time stays. */
    room: placeLabelSchema.optional(),
  })
  .strict();
export const deviceSchema = z.object({
  id: z.string(),
  elderId: z.string(),
  /** The elder's name, for lists (null when the elder is not known to this gateway any more). */
  elderName: z.string().nullable(),
  kind: deviceKindSchema,
  room: z.string().nullable(),
  /** Set while the device is in test mode: its alerts are marked test and never dispatched. */
  testModeUntil: z.iso.datetime().nullable(),
  online: z.boolean(),
  battery: z.number().nullable(),
  lastSeenAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  /** online, offline, never_seen or retired (issue 22). */
  state: deviceStateSchema,
  /** As the device last reported it in a heartbeat; null until it has. */
  firmware: z.string().nullable(),
  model: z.string().nullable(),
  /** Set once the device is out of service: it can no longer connect; its history stays. */
  retiredAt: z.iso.datetime().nullable(),
  /** The device that took its place, when it was replaced. */
  replacedBy: z.string().nullable(),
});
export type DeviceView = z.infer<typeof deviceSchema>;
/** The secret is returned once, at registration; only its hash is stored. */
export const createDeviceReplySchema = deviceSchema.extend({ secret: z.string() });
export const deviceListQuerySchema = z.strictObject({
  elderId: z.string().min(1).max(64).optional(),
  kind: deviceKindSchema.optional(),
  online: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  /** online, offline, never_seen or retired; without it, every state but retired. */
  state: deviceStateSchema.optional(),
  /** A region inside the caller's (a town, a community): its devices and those below (403 FORBIDDEN_REGION outside). */
  regionId: z.string().min(1).max(64).optional(),
  /** Exactly this firmware version. */
  firmware: z.string().trim().min(1).max(64).optional(),
  /** Battery below this percentage (devices that reported one). */
  batteryBelow: z.coerce.number().min(1).max(100).optional(),
  /** Not heard from since this time (devices never seen included). */
  lastSeenBefore: z.iso.datetime({ offset: true }).optional(),
  /** A part of the device id. */
  q: z.string().trim().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  cursor: z.string().min(1).max(200).optional(),
});
export type DeviceListQuery = z.infer<typeof deviceListQuerySchema>;
/** POST /devices/:id/secret: the device's new secret, shown this once; the old one no longer connects. */
export const rotateDeviceSecretReplySchema = createDeviceReplySchema;

/** A true/false query flag; "false" must not read as true. */
const queryFlag = z.enum(['true', 'false']).default('false').transform((v) => v === 'true');

/** Every list pages the same way: `limit`, and the `nextCursor` of the previous page (null on the last page). */
const listCursor = z.string().min(1).max(200).optional();
const listId = z.string().min(1).max(64);
const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

/** Several statuses at once, comma-separated (`resolved,false_alarm`). */
const alertStatusList = z
  .string()
  .max(200)
  .regex(/,/)
  .transform((v) => v.split(','))
  .pipe(z.array(alertStatusSchema).min(1).max(ALERT_STATUSES.length));

export const alertListQuerySchema = z.strictObject({
  /** open (every open status), closed (resolved, false alarm, cancelled, cleared), all, one status, or a comma list. */
  status: z.union([z.literal('open'), z.literal('closed'), z.literal('all'), alertStatusSchema, alertStatusList]).default('open'),
  /** Only alerts dispatched to the caller. */
  mine: queryFlag,
  elderId: listId.optional(),
  type: alertTypeSchema.optional(),
  /** A region inside the caller's (403 FORBIDDEN_REGION outside it). */
  regionId: listId.optional(),
  /** Raised within [from, to). */
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  cursor: listCursor,
});
export type AlertListQuery = z.infer<typeof alertListQuerySchema>;
/** Newest first (by the time raised). */
export const alertListReplySchema = pageOf(alertViewSchema);
export const elderListQuerySchema = z.strictObject({ ...elderListFilterFields, limit: z.coerce.number().int().min(1).max(5000).default(500), cursor: listCursor });
export type ElderListQuery = z.infer<typeof elderListQuerySchema>;
/** By id. */
export const elderListReplySchema = pageOf(elderSchema);
/** By id. */
export const deviceListReplySchema = pageOf(deviceSchema);
export const alertIdParamsSchema = z.object({ id: z.string().min(1).max(64) });
// A body a route may go without: no body at all arrives as null, an empty JSON body as undefined (request-body.ts).
export const ackBodySchema = z.object({ note: z.string().max(2000).optional() }).strict().nullish();
export const resolveBodySchema = z.object({ reason: resolutionReasonSchema, note: z.string().trim().max(2000).optional() }).strict();
export const falseAlarmBodySchema = z.object({ note: z.string().trim().min(1).max(2000) }).strict();
export const dispatchBodySchema = z.object({ responderId: z.string().min(1).max(64) }).strict();
export const declineBodySchema = z.object({ reason: z.string().trim().max(500).optional() }).strict().nullish();
export const holdBodySchema = z
  .object({ reason: z.string().trim().min(1).max(500), minutes: z.number().int().min(1).max(24 * 60) })
  .strict();
export const noteBodySchema = z.object({ note: z.string().max(2000).optional() }).strict().nullish();
/** A free note on an alert's timeline (POST /alerts/:id/notes). */
export const alertNoteBodySchema = z.strictObject({ note: z.string().trim().min(1).max(500) });

/** Responders the desk may send, best first: same community, on duty, fewest open assignments. */
export const responderSuggestionSchema = z.object({
  responder: z.object({ id: z.string(), displayName: z.string(), responderKind: z.string().nullable(), phone: z.string().nullable(), regionId: z.string() }),
  sameCommunity: z.boolean(),
  assignedToElder: z.boolean(),
  onDuty: z.boolean(),
  openAssignments: z.number().int().nonnegative(),
});
export type ResponderSuggestion = z.infer<typeof responderSuggestionSchema>;
export const responderSuggestionListSchema = z.object({ items: z.array(responderSuggestionSchema) });
export { alertDetailSchema, alertViewSchema };

export const elderIdParamsSchema = z.object({ id: z.string().min(1).max(64) });
export const deviceIdParamsSchema = z.object({ id: z.string().min(1).max(64) });

/** Changes how an elder is watched. Overrides replace the elder's previous overrides as a whole. */
export const careProfileBodySchema = z
  .object({ riskCategory: riskCategorySchema.optional(), thresholdOverrides: thresholdOverridesSchema.optional() })
  .strict();

/** The elder is out or in hospital: inactivity rules pause until `until`, or until the away state is ended. */
export const setAwayBodySchema = z
  .object({ until: z.iso.datetime({ offset: true }).optional(), reason: z.string().trim().min(1).max(200) })
  .strict();

/** Puts a device in test mode for an installer or a mass test; it ends by itself. */
export const testModeBodySchema = z.object({ minutes: z.number().int().min(1).max(7 * 24 * 60) }).strict();

export const taskListQuerySchema = z.strictObject({
  /** 'open': open, assigned or accepted. */
  status: z.union([z.literal('open'), z.literal('all'), taskStatusSchema]).default('open'),
  /** Only tasks assigned to the caller. */
  mine: queryFlag,
  /** Only this elder's tasks (inside the caller's region, as the alert list's elderId). */
  elderId: listId.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  cursor: listCursor,
});
export type TaskListQuery = z.infer<typeof taskListQuerySchema>;
/** Newest first (by the time created). */
export const taskListReplySchema = pageOf(taskViewSchema);
export const taskIdParamsSchema = z.object({ id: z.string().min(1).max(64) });
/** `mode`: how a care visit was made; required for a care visit done as visited, not_home or refused, refused on any other kind. */
export const completeTaskBodySchema = z
  .object({ outcome: taskOutcomeSchema, note: z.string().trim().max(2000).optional(), mode: visitModeSchema.optional() })
  .strict();
export const assignTaskBodySchema = z.object({ responderId: z.string().min(1).max(64) }).strict();
export const cancelTaskBodySchema = z.object({ reason: z.string().trim().min(1).max(500) }).strict();
/** A service request taken by the desk (the 12349 line) rather than from the green key. */
export const createServiceRequestBodySchema = z
  .object({ elderId: z.string().min(1).max(64), service: serviceTypeSchema, note: z.string().trim().max(2000).optional() })
  .strict();

/** Device events as the gateway recorded them, including detections that did not alarm. */
export const deviceEventRecordSchema = z.object({
  msgId: z.string(),
  type: z.string(),
  deviceTs: z.iso.datetime(),
  receivedAt: z.iso.datetime(),
  payload: z.record(z.string(), z.unknown()),
});
export const deviceEventListReplySchema = z.object({ items: z.array(deviceEventRecordSchema) });
export { taskViewSchema };
