import { z } from 'zod';

// Every device payload carries msgId (idempotency key, unique per device) and ts (docs/device-protocol.md, section 4).
// ts is accepted as epoch milliseconds or an RFC 3339 / ISO 8601 string and normalised to epoch milliseconds.
//
// The rules are written so that the generated JSON Schemas (scripts/generate-json-schema.ts) accept exactly what the
// gateway accepts in every common validator, not only in JavaScript's: the patterns use no `\p{…}` escape, no `\d`
// (Python's re reads it as any Unicode digit), and no `$` (Python's matches before a final newline too); lengths are
// counted in code points, as JSON Schema's minLength/maxLength count them.

/** C0 and C1 control characters (Unicode category Cc): U+0000–U+001F and U+007F–U+009F. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point: they are refused.
export const MSG_ID_PATTERN = /^(?![\s\S]*[\u0000-\u001F\u007F-\u009F])/u;
export const MSG_ID_MAX_CODE_POINTS = 64;

/** Code points, as JSON Schema counts a string's length (`.length` counts UTF-16 units: an emoji is two). */
const codePoints = (value: string): number => Array.from(value).length;

/**
 * 1–64 Unicode code points (an emoji is one, up to 256 UTF-8 bytes in all), no control characters: a message id is
 * a key in every store (PostgreSQL refuses NUL in text) and is written to logs.
 */
export const msgIdSchema = z
  .string()
  .regex(MSG_ID_PATTERN, 'msgId must not contain control characters')
  .refine((v) => {
    const n = codePoints(v);
    return n >= 1 && n <= MSG_ID_MAX_CODE_POINTS;
  }, `msgId must be 1 to ${MSG_ID_MAX_CODE_POINTS} characters`)
  .meta({ minLength: 1, maxLength: MSG_ID_MAX_CODE_POINTS });

/** The plausible times a number may give: from 2000-01-01T00:00:00.000Z to 2099-12-31T23:59:59.999Z. */
export const EARLIEST_PLAUSIBLE_TS = Date.UTC(2000, 0, 1);
export const LATEST_PLAUSIBLE_TS = Date.UTC(2100, 0, 1) - 1;

const DIGIT = '[0-9]';
const DATE =
  `(20(?:[02468][048]|[13579][26])-02-29` +
  `|20${DIGIT}${DIGIT}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]${DIGIT}|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]${DIGIT}|30)|02-(?:0[1-9]|1${DIGIT}|2[0-8])))`;
const TIME = `[Tt]((?:[01]${DIGIT}|2[0-3])):([0-5]${DIGIT}):([0-5]${DIGIT})(?:\\.(${DIGIT}{1,9}))?`;
const ZONE = `([Zz]|([+-])((?:[01]${DIGIT}|2[0-3])):?([0-5]${DIGIT}))`;
/**
 * A date and time of the years 2000–2099 as written (the offset may move it a day across the bound), seconds
 * required, `T`/`t`, 1–9 fractional digits (read to the millisecond), and `Z`/`z` or an offset `+08:00` or `+0800`.
 */
export const TS_STRING_PATTERN = new RegExp(`^${DATE}${TIME}${ZONE}(?![\\s\\S])`);

/** Epoch milliseconds of a string TS_STRING_PATTERN matched; undefined when it does not match. */
export function parseDeviceTimeString(value: string): number | undefined {
  const m = TS_STRING_PATTERN.exec(value);
  if (!m) return undefined;
  const [year, month, day] = m[1]!.split('-').map(Number) as [number, number, number];
  const fraction = (m[5] ?? '').padEnd(3, '0').slice(0, 3);
  const local = Date.UTC(year, month - 1, day, Number(m[2]), Number(m[3]), Number(m[4]), Number(fraction));
  if (m[7] === undefined) return local;
  const offsetMinutes = Number(m[8]) * 60 + Number(m[9]);
  return m[7] === '+' ? local - offsetMinutes * 60_000 : local + offsetMinutes * 60_000;
}

export const deviceTimestampSchema = z
  .union([
    z.number().int().min(EARLIEST_PLAUSIBLE_TS).max(LATEST_PLAUSIBLE_TS),
    z.string().regex(TS_STRING_PATTERN, 'ts is not an ISO 8601 time of 2000–2099 with seconds and a zone'),
  ])
  .transform((value, ctx) => {
    const ms = typeof value === 'number' ? value : parseDeviceTimeString(value);
    if (ms === undefined) {
      ctx.addIssue({ code: 'custom', message: 'ts is not a plausible time' });
      return z.NEVER;
    }
    return ms;
  });

export const envelopeFields = {
  msgId: msgIdSchema,
  ts: deviceTimestampSchema,
};

export const batterySchema = z.number().min(0).max(100);

/** Detector confidence, 0 (a guess) to 1 (certain). */
export const confidenceSchema = z.number().min(0).max(1);

/** A short label a vendor or installer gives a place: room "203", zone "bathroom", fence "home". */
export const placeLabelSchema = z.string().trim().min(1).max(64);
