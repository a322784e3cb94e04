import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMANDS_FILE, generateJsonSchemas } from '../../../scripts/generate-json-schema.js';
import {
  DEVICE_CHANNELS,
  DEVICE_COMMAND_TYPES,
  DEVICE_FEEDBACK_TYPES,
  DEVICE_KINDS,
  MESSAGE_SCHEMAS,
  deviceCommandSchema,
  type DeviceChannel,
  type DeviceKind,
} from '../../../schemas/index.js';

// docs/device-protocol.md is what a vendor copies: every JSON example in it must be what the gateway sends or
// accepts, by the zod schema and by the generated JSON Schema, checked with Python's jsonschema (a vendor's
// validator, not the JavaScript one the gateway's own tools use). And what the gateway refuses, the JSON Schema
// refuses too: the two must agree on the edges (ts bounds, ISO forms, msgId characters and length).

type Example = Record<string, unknown> & { type: string };

const doc = readFileSync(new URL('../../../docs/device-protocol.md', import.meta.url), 'utf8');

/** Every ```json block of a part of the document; a block is one JSON value, or one per line. */
function examplesIn(text: string): Example[] {
  return [...text.matchAll(/```json\n([\s\S]*?)\n```/g)].flatMap((m) => {
    const block = m[1]!;
    try {
      return [JSON.parse(block) as Example];
    } catch {
      return block
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as Example);
    }
  });
}

const between = (from: string, to: string) => doc.slice(doc.indexOf(from), doc.indexOf(to));
const allExamples = examplesIn(doc);
const GATEWAY_TYPES: ReadonlySet<string> = new Set([...DEVICE_FEEDBACK_TYPES, ...DEVICE_COMMAND_TYPES, 'rejected']);
/** What the gateway publishes on a commands topic. */
const sentToDevices = allExamples.filter((e) => GATEWAY_TYPES.has(e.type));
/** What devices publish: events, telemetry, status. */
const sentByDevices = allExamples.filter((e) => !GATEWAY_TYPES.has(e.type));

/** The schema files (`<kind>.<channel>.schema.json`) whose zod schema accepts a device's message. */
function acceptingFiles(example: unknown): string[] {
  return DEVICE_KINDS.flatMap((kind: DeviceKind) =>
    DEVICE_CHANNELS.flatMap((channel: DeviceChannel) => {
      const schema = MESSAGE_SCHEMAS[kind][channel];
      return schema?.safeParse(example).success ? [`${kind}.${channel}.schema.json`] : [];
    }),
  );
}

/** Validates each (schema file, instance) with Python's jsonschema (Draft 2020-12); null without it. */
function pythonVerdicts(checks: ReadonlyArray<{ file: string; instance: unknown }>): boolean[] | null {
  const script = [
    'import json, sys',
    'from jsonschema import Draft202012Validator',
    'data = json.load(sys.stdin)',
    'out = []',
    'for check in data["checks"]:',
    '    schema = data["schemas"][check["file"]]',
    '    Draft202012Validator.check_schema(schema)',
    '    out.append(Draft202012Validator(schema).is_valid(check["instance"]))',
    'print(json.dumps(out))',
  ].join('\n');
  const generated = generateJsonSchemas();
  const schemas = Object.fromEntries([...new Set(checks.map((c) => c.file))].map((file) => [file, JSON.parse(generated.get(file)!) as unknown]));
  // the python3 on the PATH first, then Debian's (python3-jsonschema installs for /usr/bin/python3 only)
  for (const python of ['python3', '/usr/bin/python3']) {
    const run = spawnSync(python, ['-c', script], { input: JSON.stringify({ schemas, checks }), encoding: 'utf8' });
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

/** A wearable heartbeat, the device message the edge cases below are made from. */
const heartbeat = { msgId: 'hb-000318', ts: 1795427117000, type: 'heartbeat', battery: 87 };
const HEARTBEAT_FILE = 'wearable.status.schema.json';

/** Envelopes on the edge: what both the gateway and the JSON Schema accept. */
const ACCEPTED_EDGES: Array<[string, Record<string, unknown>]> = [
  ['the first plausible millisecond', { ts: 946_684_800_000 }],
  ['the last plausible millisecond', { ts: 4_102_444_799_999 }],
  ['lower-case t and z', { ts: '2026-11-23t10:40:00z' }],
  ['an offset without a colon', { ts: '2026-11-23T18:40:00+0800' }],
  ['nine fractional digits', { ts: '2026-11-23T18:40:00.250123456+08:00' }],
  ['29 February of a leap year', { ts: '2028-02-29T08:00:00Z' }],
  ['a msgId of 64 emoji (code points, not UTF-16 units)', { msgId: '😀'.repeat(64) }],
  ['a msgId with Chinese characters and spaces', { msgId: '按钮 0001 第42条' }],
];

/** Envelopes the gateway refuses, and so must the JSON Schema. */
const REFUSED_EDGES: Array<[string, Record<string, unknown>]> = [
  ['ts 0', { ts: 0 }],
  ['ts in seconds', { ts: 1_795_427_117 }],
  ['ts a fraction of a millisecond', { ts: 1_795_427_117_000.5 }],
  ['ts in the year 2100', { ts: 4_102_444_800_000 }],
  ['ts before 2000 as a string', { ts: '1999-12-31T23:59:59Z' }],
  ['ts without a zone', { ts: '2026-11-23T18:40:00' }],
  ['ts with an offset of hours only', { ts: '2026-11-23T18:40:00+08' }],
  ['ts with a space for T', { ts: '2026-11-23 18:40:00Z' }],
  ['ts on 29 February of a common year', { ts: '2026-02-29T08:00:00Z' }],
  ['ts with ten fractional digits', { ts: '2026-11-23T18:40:00.2501234567Z' }],
  ['ts with a trailing newline', { ts: '2026-11-23T18:40:00Z\n' }],
  ['ts with Arabic-Indic digits', { ts: '٢٠٢٦-11-23T18:40:00Z' }],
  ['a msgId with a control character', { msgId: 'hb-\u0001-318' }],
  ['a msgId with a C1 control character', { msgId: 'hb-\u0085-318' }],
  ['a msgId ending in a newline', { msgId: 'hb-000318\n' }],
  ['an empty msgId', { msgId: '' }],
  ['a msgId of 65 characters', { msgId: 'x'.repeat(65) }],
  ['a msgId of 65 emoji', { msgId: '😀'.repeat(65) }],
  ['a number for msgId', { msgId: 318 }],
];

describe('the device protocol document: every example', () => {
  it('when the feedback section is read, then it has one example per feedback type, in order', () => {
    const feedback = examplesIn(between('### 2.1 Commands to the device', '### 2.2 ')).map((e) => e.type);
    expect(feedback).toEqual([...DEVICE_FEEDBACK_TYPES]);
  });

  it('when the commands section is read, then it has one example per command type and a command_result for received, done with a position, done with a snapshot and failed', () => {
    const section = examplesIn(between('### 2.2 Commands to the device', '### 2.3 '));
    expect(section.filter((e) => e.type !== 'command_result').map((e) => e.type)).toEqual([...DEVICE_COMMAND_TYPES]);
    const results = section.filter((e) => e.type === 'command_result');
    expect(results.map((r) => r['status'])).toEqual(['received', 'done', 'done', 'failed']);
    expect(results.map((r) => Object.keys((r['data'] as object | undefined) ?? {}).join(','))).toEqual(['', 'lat,lon,accuracyM', 'snapshotRef', '']);
    // Each answer names a command of the section.
    const ids = new Set(section.map((e) => e['commandId']));
    for (const r of results) expect(ids.has(r['commandId'])).toBe(true);
    expect(examplesIn(between('### 2.3 ', '## 3. ')).map((e) => e.type)).toEqual(['rejected', 'rejected']);
  });

  it('when the gateway-to-device examples are parsed, then the commands schema accepts every one', () => {
    expect(sentToDevices.length).toBeGreaterThanOrEqual(DEVICE_FEEDBACK_TYPES.length + DEVICE_COMMAND_TYPES.length + 2);
    for (const example of sentToDevices) expect(deviceCommandSchema.safeParse(example).success, JSON.stringify(example)).toBe(true);
  });

  it('when the device examples are parsed, then the schema of some kind and channel accepts every one', () => {
    expect(sentByDevices.length).toBeGreaterThanOrEqual(25);
    for (const example of sentByDevices) expect(acceptingFiles(example), JSON.stringify(example)).not.toEqual([]);
  });

  it.skipIf(noPython)('when Python validates every example against the generated JSON Schema of its channel, then it accepts each', () => {
    const checks = [
      ...sentToDevices.map((instance) => ({ file: COMMANDS_FILE, instance })),
      ...sentByDevices.flatMap((instance) => acceptingFiles(instance).map((file) => ({ file, instance }))),
    ];
    const verdicts = pythonVerdicts(checks)!;
    expect(checks.filter((_, i) => !verdicts[i]).map((c) => `${c.file}: ${JSON.stringify(c.instance)}`)).toEqual([]);
  });

  it.skipIf(noPython)('when an example is changed into what the gateway never sends, then the JSON Schema refuses it', () => {
    const help = sentToDevices.find((e) => e.type === 'help_on_the_way')!;
    const locate = sentToDevices.find((e) => e.type === 'locate')!;
    const thresholds = sentToDevices.find((e) => e.type === 'set_thresholds')!;
    const wrong = [
      { ...help, etaMinutes: 'soon' },
      { ...help, type: 'reboot' },
      { ...help, ts: 0 },
      { ...help, extra: 1 },
      { ...locate, heartbeatSeconds: 60 },
      { ...thresholds, thresholds: {} },
    ];
    for (const w of wrong) expect(deviceCommandSchema.safeParse(w).success, JSON.stringify(w)).toBe(false);
    expect(pythonVerdicts(wrong.map((instance) => ({ file: COMMANDS_FILE, instance })))).toEqual(wrong.map(() => false));
  });
});

describe('the envelope rules: the gateway and the JSON Schema agree on the edges', () => {
  const schema = MESSAGE_SCHEMAS.wearable.status!;

  it('when an envelope is on the accepted side of an edge, then the gateway accepts it', () => {
    for (const [what, change] of ACCEPTED_EDGES) expect(schema.safeParse({ ...heartbeat, ...change }).success, what).toBe(true);
  });

  it('when an envelope is past an edge, then the gateway refuses it', () => {
    for (const [what, change] of REFUSED_EDGES) expect(schema.safeParse({ ...heartbeat, ...change }).success, what).toBe(false);
  });

  it.skipIf(noPython)('when Python validates the same envelopes, then it accepts and refuses exactly the same', () => {
    const cases = [...ACCEPTED_EDGES.map(([what, change]) => ({ what, change, valid: true })), ...REFUSED_EDGES.map(([what, change]) => ({ what, change, valid: false }))];
    const verdicts = pythonVerdicts(cases.map((c) => ({ file: HEARTBEAT_FILE, instance: { ...heartbeat, ...c.change } })))!;
    expect(cases.filter((c, i) => verdicts[i] !== c.valid).map((c) => c.what)).toEqual([]);
  });
});
