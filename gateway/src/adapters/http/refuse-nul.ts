import type { FastifyInstance } from 'fastify';
import { AppError } from '../../app/errors.js';

// U+0000 has no business in any text a person or program sends us, and PostgreSQL refuses it in text columns: let it
// through and the same request that SQLite stores would fail there with a 500. Refused before validation instead,
// for both engines alike. An explicit stack, not recursion: a 64 KB body can nest 30,000 levels deep.

function containsNul(root: unknown): boolean {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return true;
    } else if (value instanceof Uint8Array) {
      // A file's raw bytes (the elder import): not text, and the import checks the text it decodes from them.
      continue;
    } else if (value !== null && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if (key.includes('\u0000')) return true;
        stack.push(inner);
      }
    }
  }
  return false;
}

export function refuseNulCharacters(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    if (containsNul(request.params) || containsNul(request.query) || containsNul(request.body)) {
      throw new AppError('REQUEST_INVALID', 'text must not contain U+0000');
    }
  });
}
