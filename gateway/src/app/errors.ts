// The one catalogue of errors the gateway answers with. Codes are stable: clients and tests rely on them.

export const ERRORS = {
  AUTH_REQUIRED: { status: 401, message: 'a valid bearer token is required' },
  AUTH_INVALID_CREDENTIALS: { status: 401, message: 'username or password is wrong' },
  REQUEST_INVALID: { status: 400, message: 'the request is not valid' },
  ELDER_NOT_FOUND: { status: 404, message: 'no elder with that id' },
  DEVICE_NOT_FOUND: { status: 404, message: 'no device with that id' },
  THRESHOLDS_INCONSISTENT: { status: 400, message: 'a clear threshold is not on the safe side of its start threshold' },
  AWAY_UNTIL_IN_PAST: { status: 400, message: 'the away state must end in the future' },
  TASK_NOT_FOUND: { status: 404, message: 'no task with that id' },
  TASK_TRANSITION_INVALID: { status: 409, message: 'the task cannot make that transition from its status' },
  DEVICE_ID_TAKEN: { status: 409, message: 'a device with that id is already registered' },
  ALERT_NOT_FOUND: { status: 404, message: 'no alert with that id' },
  ALERT_TRANSITION_INVALID: { status: 409, message: 'the alert cannot make that transition from its status' },
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
