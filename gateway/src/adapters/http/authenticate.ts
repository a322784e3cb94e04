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

export function bearerToken(header: string | undefined): string {
  if (!header) return '';
  const [scheme, token] = header.split(' ');
  return scheme?.toLowerCase() === 'bearer' && token ? token : '';
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
