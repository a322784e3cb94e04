import { describe, expect, it } from 'vitest';
import { bearerToken } from '../../gateway/src/adapters/http/authenticate.js';

// The Authorization header's grammar (RFC 6750 §2.1): one token after the scheme, nothing else.

describe('bearerToken', () => {
  it('when the header is "Bearer <token>", then the token is taken, whatever the scheme case and spacing', () => {
    expect(bearerToken('Bearer abc-DEF_123.x~y+z/w==')).toBe('abc-DEF_123.x~y+z/w==');
    expect(bearerToken('bearer  tok')).toBe('tok');
  });

  it('when anything follows the token, then there is no token', () => {
    expect(bearerToken('Bearer tok extra')).toBe('');
    expect(bearerToken('Bearer tok ')).toBe('');
  });

  it('when the scheme is another or the token is missing or holds characters outside b64token, then there is no token', () => {
    for (const header of [undefined, '', 'Bearer', 'Bearer ', 'Basic dXNlcjpwYXNz', 'Token tok', 'Bearer tok,other', 'Bearer "tok"', 'Bearer to=k']) {
      expect(bearerToken(header)).toBe('');
    }
  });
});
