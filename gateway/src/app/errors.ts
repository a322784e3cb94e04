// The one catalogue of errors the gateway answers with. Codes are stable: clients and tests rely on them.

export const ERRORS = {
  AUTH_REQUIRED: { status: 401, message: 'a valid bearer token is required' },
  AUTH_INVALID_CREDENTIALS: { status: 401, message: 'username or password is wrong' },
  AUTH_LOCKED: { status: 429, message: 'too many failed logins; the account is locked for a while' },
  AUTH_DISABLED: { status: 403, message: 'this account is disabled; ask an admin' },
  PASSWORD_INCORRECT: { status: 403, message: 'the current password is wrong' },
  SESSION_NOT_FOUND: { status: 404, message: 'no live session with that id' },
  USER_SELF_DISABLE: { status: 409, message: 'you cannot disable your own account' },
  ELDER_NOT_YOURS: { status: 403, message: "the elder's record is only for responders with an alert or task of theirs, or assigned to them" },
  RATE_LIMITED: { status: 429, message: 'too many requests from your address; wait a minute and try again' },
  FORBIDDEN_ROLE: { status: 403, message: 'your role may not do this' },
  FORBIDDEN_REGION: { status: 403, message: 'that region is outside yours' },
  REGION_NOT_FOUND: { status: 404, message: 'no region with that id' },
  REGION_PARENT_INVALID: { status: 400, message: 'a county has no parent, a town belongs to a county, a community to a town' },
  USER_NOT_FOUND: { status: 404, message: 'no user with that id' },
  USERNAME_TAKEN: { status: 409, message: 'that username is taken' },
  RESPONDER_NOT_AVAILABLE: { status: 409, message: "that responder cannot take this (not a responder of the elder's town)" },
  ASSIGNED_RESPONDERS_INVALID: { status: 400, message: "assignedResponderIds must name responders of the elder's town" },
  ALERT_NOT_ASSIGNED_TO_YOU: { status: 403, message: 'the alert is not dispatched to you' },
  TASK_NOT_ASSIGNED_TO_YOU: { status: 403, message: 'the task is not assigned to you' },
  REQUEST_INVALID: { status: 400, message: 'the request is not valid' },
  ELDER_NOT_FOUND: { status: 404, message: 'no elder with that id' },
  ELDER_DATE_INVALID: { status: 400, message: 'a date of the elder record is in the future, or a birth date more than 130 years back' },
  ELDER_BIRTH_DATE_MISMATCH: { status: 400, message: 'birthDate differs from the birth date in the ID number (its digits 7-14)' },
  ELDER_GUARDIAN_DUPLICATE: { status: 400, message: 'at most one contact may be the legal guardian' },
  DEVICE_NOT_FOUND: { status: 404, message: 'no device with that id' },
  THRESHOLDS_INCONSISTENT: { status: 400, message: 'a clear threshold is not on the safe side of its start threshold' },
  AWAY_UNTIL_IN_PAST: { status: 400, message: 'the away state must end in the future' },
  AWAY_UNTIL_TOO_FAR: { status: 400, message: 'the away state may last at most AWAY_MAX_DAYS days; set it again to extend it' },
  TASK_NOT_FOUND: { status: 404, message: 'no task with that id' },
  TASK_TRANSITION_INVALID: { status: 409, message: 'the task cannot make that transition from its status' },
  DEVICE_ID_TAKEN: { status: 409, message: 'a device with that id is already registered' },
  ALERT_NOT_FOUND: { status: 404, message: 'no alert with that id' },
  ALERT_TRANSITION_INVALID: { status: 409, message: 'the alert cannot make that transition from its status' },
  ALERT_TEST_NOT_DISPATCHABLE: { status: 409, message: 'a test alert is never dispatched: it proves the path to the desk; resolve it instead' },
  ALERT_NOT_ACCEPTED: { status: 409, message: 'accept the alert (or arrive) before resolving it; the desk can resolve it' },
  READINGS_RANGE_INVALID: { status: 400, message: '`from` must not be after `to`' },
  PHONE_INVALID: { status: 400, message: 'that cannot be a Chinese mobile or landline number (a local number needs its area code)' },
  CALL_NOT_FOUND: { status: 404, message: 'no call with that id' },
  CALLER_UNIDENTIFIED: { status: 400, message: "a call with no elder needs the caller's name or address" },
  CALLER_DETAILS_MISSING: { status: 400, message: 'registering the caller needs a name and an address: give what the call did not record' },
  CALL_NO_ELDER: { status: 409, message: 'link or register the caller first' },
  CALL_ALREADY_LINKED: { status: 409, message: 'the call is already linked to that kind of record (an elder, an alert, a task)' },
  CALL_PARTY_UNKNOWN: { status: 400, message: 'the elder has no contact at that place in the calling order' },
  PHONE_VISIT_NOT_ALLOWED: { status: 409, message: "the visit policy does not allow a phone visit for this elder's risk category: they must be seen in person" },
  PHONE_VISIT_INVALID: { status: 400, message: 'a visit is completed only by an answered outbound wellbeing call to the elder of a monthly visit' },
  COMPLAINT_NOT_FOUND: { status: 404, message: 'no complaint with that id' },
  COMPLAINT_TRANSITION_INVALID: { status: 409, message: 'the complaint cannot make that transition from its status (open → answered → closed)' },
  COMPLAINT_OWNER_INVALID: { status: 400, message: "ownerId must name a supervisor whose region holds the complaint's" },
  COMPLAINT_CALL_TAKEN: { status: 409, message: 'that call already has its complaint' },
  COMPLAINT_FOLLOW_UP_INVALID: { status: 400, message: 'the follow-up must be an outbound call, made after the complaint, to the same elder or number' },
  INTEGRATION_TOKEN_INVALID: { status: 401, message: 'a valid integration token is required (Authorization: Bearer <token>)' },
  INTEGRATION_TOKEN_NOT_FOUND: { status: 404, message: 'no live integration token with that id' },
  ROUTE_NOT_FOUND: { status: 404, message: 'no such route' },
  INTERNAL: { status: 500, message: 'internal error' },
} as const;

export type ErrorCode = keyof typeof ERRORS;

export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string = ERRORS[code].message,
  ) {
    super(message);
    this.status = ERRORS[code].status;
  }
}
