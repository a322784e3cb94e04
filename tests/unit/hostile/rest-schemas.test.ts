import fc from 'fast-check';
import type { ZodType } from 'zod';
import { describe, expect, it } from 'vitest';
import {
  alarmReportQuerySchema,
  alertListQuerySchema,
  deadLetterListQuerySchema,
  readingsQuerySchema,
  taskListQuerySchema,
  visitCoverageQuerySchema,
} from '../../../schemas/index.js';
import { hostileValue, mutated } from '../../support/hostile-payloads.js';
import { restBodies } from '../../support/rest-bodies.js';

// Property tests of every REST body and query schema (schemas/rest.ts and the schemas it gathers): whatever a
// client sends, validation answers with success or a list of issues and never throws, so fastify's one error handler
// can turn it into 400 REQUEST_INVALID. What passes keeps the schema's length limits after trimming.

const RUNS = 400;

const BODIES = Object.entries(restBodies()).map(([name, { schema, valid }]) => [name, schema, valid] as const);

const QUERIES: Array<[string, ZodType]> = [
  ['alert list', alertListQuerySchema],
  ['task list', taskListQuerySchema],
  ['readings', readingsQuerySchema],
  ['alarm report', alarmReportQuerySchema],
  ['visit coverage', visitCoverageQuerySchema],
  ['dead letters', deadLetterListQuerySchema],
];

/** Every string in a parsed value, with where it is, for the length checks. */
function strings(value: unknown, path = '$'): Array<[string, string]> {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, `${path}.${k}`));
  return [];
}

describe('REST body schemas under hostile input', () => {
  it.each(BODIES)(`when the %s body is ${RUNS} arbitrary JS values, then validation answers without throwing and refuses them`, (_name, schema) => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withBigInt: true, withSparseArray: true, withBoxedValues: true, maxDepth: 4 }), (value) => {
        const result = schema.safeParse(value);
        if (!result.success) expect(result.error.issues.length).toBeGreaterThan(0);
      }),
      { numRuns: RUNS },
    );
  });

  it.each(BODIES)(`when the %s body gets ${RUNS} random mutations through JSON, then validation never throws, and what passes keeps every string within 4000 characters`, (_name, schema, valid) => {
    expect(schema.safeParse(valid).success).toBe(true);
    let refused = 0;
    fc.assert(
      fc.property(mutated(valid), (body) => {
        const result = schema.safeParse(JSON.parse(JSON.stringify(body)));
        if (!result.success) {
          refused += 1;
          expect(result.error.issues.length).toBeGreaterThan(0);
          return;
        }
        for (const [, s] of strings(result.data)) expect(s.length).toBeLessThanOrEqual(4000);
      }),
      { numRuns: RUNS },
    );
    expect(refused).toBeGreaterThan(0);
  });

  it.each(BODIES)('when the %s body nests 100,000 levels deep, then validation answers without a stack overflow', (_name, schema) => {
    const deep: unknown = JSON.parse(`{"x":${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
    expect(() => schema.safeParse(deep)).not.toThrow();
    expect(() => schema.safeParse(JSON.parse('['.repeat(100_000) + ']'.repeat(100_000)))).not.toThrow();
  });
});

describe('REST query schemas under hostile input', () => {
  // A query string reaches the schema as strings, or arrays of strings for repeated keys.
  const queryValue = fc.oneof(fc.string({ unit: 'binary', maxLength: 60 }), fc.array(fc.string({ maxLength: 20 }), { maxLength: 3 }), hostileValue.filter((v) => typeof v === 'string'));
  const query = fc.dictionary(fc.oneof(fc.constantFrom('status', 'mine', 'limit', 'from', 'to', 'metric', 'regionId', 'format', 'month'), fc.string({ maxLength: 10 })), queryValue, { maxKeys: 6 });

  it.each(QUERIES)(`when the %s query is ${RUNS * 2} random query strings, then validation answers without throwing`, (_name, schema) => {
    fc.assert(
      fc.property(query, (q) => {
        const result = schema.safeParse(q);
        if (!result.success) expect(result.error.issues.length).toBeGreaterThan(0);
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('when a limit is any string, then the list queries take only whole numbers from 1 to 1000', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.constantFrom('1e3', '0x10', ' 5 ', '1000.0', '-0', 'Infinity', '1e400', '0', '1001')), (limit) => {
        for (const schema of [alertListQuerySchema, taskListQuerySchema]) {
          const result = schema.safeParse({ limit });
          if (result.success) {
            const n = (result.data as { limit: number }).limit;
            expect(Number.isInteger(n) && n >= 1 && n <= 1000).toBe(true);
          }
        }
      }),
      { numRuns: RUNS * 2 },
    );
  });
});
