import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JSON_SCHEMA_DIR, generateJsonSchemas } from '../../scripts/generate-json-schema.js';

// schemas/json/ is what device vendors read; it must never drift from the zod schemas (docs/decisions/0008-schemas-are-the-contract.md).
// On a failure, run `npm run schemas:json` and commit the result.

describe('generated JSON Schemas', () => {
  it('when the JSON Schemas are generated, then they match the committed files', () => {
    const generated = generateJsonSchemas();
    const committed = readdirSync(JSON_SCHEMA_DIR).filter((name) => name.endsWith('.schema.json')).sort();
    expect(committed).toEqual([...generated.keys()].sort());
    for (const [name, content] of generated) {
      expect(readFileSync(join(JSON_SCHEMA_DIR, name), 'utf8'), name).toBe(content);
    }
  });
});
