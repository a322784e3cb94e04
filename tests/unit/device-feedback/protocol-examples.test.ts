import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMANDS_FILE, generateJsonSchemas } from '../../../scripts/generate-json-schema.js';
import { DEVICE_FEEDBACK_TYPES, deviceCommandSchema } from '../../../schemas/index.js';

// docs/device-protocol.md, section 2.1, is what a vendor copies: every example there must be what the gateway sends,
// by the zod schema and by the generated JSON Schema, checked with Python's jsonschema (a vendor's validator, not
// the JavaScript one the gateway's own tools use).

const doc = readFileSync(new URL('../../../docs/device-protocol.md', import.meta.url), 'utf8');
const section = doc.slice(doc.indexOf('### 2.1 Commands to the device'), doc.indexOf('\n## 3. '));
const examples = [...section.matchAll(/```json\n([\s\S]*?)\n```/g)].map((m) => JSON.parse(m[1]!) as Record<string, unknown> & { type: string });

/** Validates each instance with Python's jsonschema (Draft 2020-12); one verdict per instance, or null without it. */
function pythonVerdicts(instances: readonly unknown[]): boolean[] | null {
  const script = [
    'import json, sys',
    'from jsonschema import Draft202012Validator',
    'data = json.load(sys.stdin)',
    'Draft202012Validator.check_schema(data["schema"])',
    'v = Draft202012Validator(data["schema"])',
    'print(json.dumps([v.is_valid(i) for i in data["instances"]]))',
  ].join('\n');
  const schema = JSON.parse(generateJsonSchemas().get(COMMANDS_FILE)!) as unknown;
  // the python3 on the PATH first, then Debian's (python3-jsonschema installs for /usr/bin/python3 only)
  for (const python of ['python3', '/usr/bin/python3']) {
    const run = spawnSync(python, ['-c', script], { input: JSON.stringify({ schema, instances }), encoding: 'utf8' });
    if (run.error || run.stderr.includes('ModuleNotFoundError')) continue;
    if (run.status !== 0) throw new Error(run.stderr);
    return JSON.parse(run.stdout) as boolean[];
  }
  return null;
}

// Locally the checks may be skipped without Python's jsonschema; in CI (scripts/install-test-services.sh installs
// it) they must run, so a missing validator fails there instead of passing unseen.
const noPython = pythonVerdicts([]) === null && process.env.CI !== 'true';
if (noPython) console.warn('protocol-examples: python3 with jsonschema is missing; the JSON Schema checks are skipped (apt-get install python3-jsonschema)');

describe('the device protocol document, commands to the device', () => {
  it('when the examples are read, then there is one per feedback type and the zod schema accepts each', () => {
    expect(examples.map((e) => e.type)).toEqual([...DEVICE_FEEDBACK_TYPES]);
    for (const example of examples) expect(deviceCommandSchema.safeParse(example).success, example.type).toBe(true);
  });

  it.skipIf(noPython)('when Python validates the examples against the generated JSON Schema, then it accepts each', () => {
    expect(pythonVerdicts(examples)).toEqual(examples.map(() => true));
  });

  it.skipIf(noPython)('when an example is changed into what the gateway never sends, then the JSON Schema refuses it', () => {
    const help = examples.find((e) => e.type === 'help_on_the_way')!;
    const wrong = [{ ...help, etaMinutes: 'soon' }, { ...help, type: 'reboot' }, { ...help, ts: 0 }, { ...help, extra: 1 }];
    expect(pythonVerdicts(wrong)).toEqual([false, false, false, false]);
  });
});
