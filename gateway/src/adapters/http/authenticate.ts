import type { FastifyRequest } from 'fastify';
import { AppError } from '../../app/errors.js';
import type { AuthService } from '../../app/people/auth.service.js';
import type { SessionRecord } from '../../app/ports/store/accounts.port.js';

// The bearer-token check every /api/v1 route but login runs first.

declare module 'fastify' {
  interface FastifyRequest {
    session: SessionRecord | null;
  }
}

// RFC 6750 §2.1: the scheme, spaces, one b64token and nothing after it. "Bearer <token> <anything>" used to pass with
// the first word taken; a header the grammar refuses now carries no token at all.
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i;

/** The token of an `Authorization: Bearer …` header, or '' when the header is missing or malformed. */
export function bearerToken(header: string | undefined): string {
  return header === undefined ? '' : (BEARER.exec(header)?.[1] ?? '');
}

export function requireSession(auth: AuthService) {
  return async (request: FastifyRequest): Promise<void> => {
    const session = await auth.verify(bearerToken(request.headers.authorization));
    if (!session) throw new AppError('AUTH_REQUIRED');
    request.session = session;
  };
}

export function sessionOf(request: FastifyRequest): SessionRecord {
  if (!request.session) throw new AppError('AUTH_REQUIRED');
  return request.session;
}
