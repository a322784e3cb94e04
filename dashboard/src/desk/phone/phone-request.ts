// One REST call of the telephone screens with the desk's session: refused without one, and a 401 ends the session
// like everywhere else on the desk (the caller still gets the error, to stop what it was doing).

import { ApiError, errorMessage, type MessageRef } from '../../shared/api.js';
import { endSession } from '../session.js';
import { token } from '../state/desk-state.js';

export async function withSession<T>(call: (session: string) => Promise<T>): Promise<T> {
  const session = token.peek();
  if (!session) throw new ApiError(401, 'AUTH_REQUIRED');
  try {
    return await call(session);
  } catch (err) {
    if (err instanceof ApiError && err.status === 401 && token.peek() === session) endSession('login.expired');
    throw err;
  }
}

/** The server's codes of the telephone, in the desk's words; anything else as every other action says it. */
const BY_CODE: Record<string, string> = {
  PHONE_INVALID: 'phone.error.phoneInvalid',
  ELDER_NOT_FOUND: 'phone.error.elderNotFound',
  CALL_NOT_FOUND: 'phone.error.callNotFound',
  CALLER_UNIDENTIFIED: 'phone.error.callerRequired',
  CALLER_DETAILS_MISSING: 'phone.error.callerDetailsMissing',
  CALL_NO_ELDER: 'phone.error.needsElder',
  CALL_ALREADY_LINKED: 'phone.error.alreadyLinked',
  CALL_PARTY_UNKNOWN: 'phone.error.partyUnknown',
  PHONE_VISIT_NOT_ALLOWED: 'phone.error.visitNotAllowed',
  PHONE_VISIT_INVALID: 'phone.error.visitInvalid',
  COMPLAINT_NOT_FOUND: 'complaints.error.notFound',
  COMPLAINT_TRANSITION_INVALID: 'complaints.error.transition',
  COMPLAINT_OWNER_INVALID: 'complaints.error.ownerInvalid',
  COMPLAINT_CALL_TAKEN: 'complaints.error.callTaken',
  COMPLAINT_FOLLOW_UP_INVALID: 'complaints.error.followUpInvalid',
};

export function phoneErrorMessage(err: unknown): MessageRef {
  if (err instanceof ApiError) {
    const key = BY_CODE[err.code];
    if (key) return [key];
    // the server's other 404s here are a call, an elder or a complaint, never an alert
    if (err.status === 404) return ['phone.error.notFound'];
    if (err.status === 409) return ['phone.error.conflict'];
  }
  return errorMessage(err);
}
