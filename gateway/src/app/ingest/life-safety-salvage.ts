import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
  DEVICE_KINDS,
  deviceTimestampSchema,
  MESSAGE_SCHEMAS,
  msgIdSchema,
  type DeviceKind,
  type DeviceMessage,
  type InputDefect,
} from '../../../../schemas/index.js';
import { isLifeSafetyType } from './device-rate-limit.js';

// "Fail toward the alarm": an authenticated device's life-safety event (sos, fall, smoke, gas) that its schema
// refuses is salvaged rather than dropped, when what is wrong is only the envelope or an extra field. A firmware that
// sends `ts` in seconds, a local time without a zone, a 100-character msgId or one field too many would otherwise lose
// every alarm it ever sends. Everything else stays strict: this runs only after the strict parse failed, on the events
// channel, for a type that is life-safety for the device's kind.
//
// - msgId: kept when valid; otherwise derived from a hash of the id, or of the whole payload when there is none. Such
//   an id cannot tell a resend from the next press: a firmware that sends `{"type":"sos"}` sends the same bytes every
//   time. So a derived id stands for one press only for RESEND_WINDOW_MS after it was first seen (a QoS 1 resend comes
//   within seconds); after that the same bytes are a new press, which repeats the open alert or, once it was closed,
//   raises a new one. Idempotency (docs/decisions/0003-idempotency-by-message-id.md) then errs toward the alarm.
// - ts: kept when valid; otherwise the gateway's clock at receipt (the gateway dates alerts by its own clock anyway).
// - the type's own fields: each kept when it is valid on its own, dropped when not; unknown fields are ignored.
// Every defect is named (schemas/dead-letter.ts, INPUT_DEFECTS) for the alert, the dead letter and the metric.

export interface Salvaged {
  message: DeviceMessage;
  defects: InputDefect[];
}

const ENVELOPE_KEYS: ReadonlySet<string> = new Set(['msgId', 'ts', 'type']);
/** Epoch seconds between 2000 and 2100: a firmware that counts seconds, not milliseconds. */
const EARLIEST_SECONDS = Date.UTC(2000, 0, 1) / 1000;
const LATEST_SECONDS = Date.UTC(2100, 0, 1) / 1000;
/** ISO 8601 date and time with no `Z` and no offset: a local time the gateway cannot place. */
const ISO_WITHOUT_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;
/** Derived ids are marked, so that the event log shows they were not the device's own. */
const DERIVED_ID_PREFIX = '~';

/** For each kind, the schema of each of its life-safety event types. */
const LIFE_SAFETY_SCHEMAS: ReadonlyMap<DeviceKind, ReadonlyMap<string, z.ZodObject>> = new Map(
  DEVICE_KINDS.map((kind) => {
    const events = MESSAGE_SCHEMAS[kind].events;
    const options = events instanceof z.ZodDiscriminatedUnion ? (events.options as z.ZodObject[]) : [];
    const byType = new Map<string, z.ZodObject>();
    for (const option of options) {
      const literal = option.shape['type'];
      const type = literal instanceof z.ZodLiteral ? literal.value : undefined;
      if (typeof type === 'string' && isLifeSafetyType(type)) byType.set(type, option);
    }
    return [kind, byType];
  }),
);

/** How long a derived id stands for the press it was derived from: longer than a device's QoS 1 resend takes. */
export const RESEND_WINDOW_MS = 5_000;
/** The most presses remembered at once; past it the oldest are forgotten (their resends count as new presses). */
const MAX_REMEMBERED = 10_000;

const hashOf = (source: string): string => createHash('sha256').update(source).digest('hex').slice(0, 40);

/**
 * The ids given to salvaged events whose own id is unusable: the same source within RESEND_WINDOW_MS of its first
 * sighting gets the same id (a resend), later the hash with the time it was first seen (a new press). Kept in memory:
 * after a restart a resend counts as a new press, which errs toward the alarm.
 */
export function createDerivedIds() {
  const firstSeen = new Map<string, { id: string; at: number }>();
  return (deviceId: string, source: string, now: number): string => {
    const key = `${deviceId}\n${source}`;
    const seen = firstSeen.get(key);
    if (seen && now >= seen.at && now - seen.at < RESEND_WINDOW_MS) return seen.id;
    const id = `${DERIVED_ID_PREFIX}${hashOf(source).slice(0, 28)}-${now.toString(36)}`;
    firstSeen.delete(key);
    firstSeen.set(key, { id, at: now });
    // Insertion order is age order: forget what is past the window, and the oldest beyond the bound.
    for (const [k, v] of firstSeen) {
      if (firstSeen.size <= MAX_REMEMBERED && now - v.at < RESEND_WINDOW_MS) break;
      firstSeen.delete(k);
    }
    return id;
  };
}

export type DerivedIds = ReturnType<typeof createDerivedIds>;

function salvageMsgId(raw: unknown, text: string, defects: InputDefect[], derive: (source: string) => string): string {
  if (msgIdSchema.safeParse(raw).success) return raw as string;
  if ((typeof raw === 'string' && raw.length > 0) || (typeof raw === 'number' && Number.isFinite(raw))) {
    defects.push('msg_id_invalid');
    return derive(`id:${String(raw)}`);
  }
  defects.push('msg_id_missing');
  return derive(`payload:${text}`);
}

function salvageTs(raw: unknown, now: number, defects: InputDefect[]): number {
  const parsed = deviceTimestampSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  if (raw === undefined || raw === null) defects.push('ts_missing');
  else if (typeof raw === 'number' && raw >= EARLIEST_SECONDS && raw <= LATEST_SECONDS) defects.push('ts_seconds');
  else if (typeof raw === 'string' && ISO_WITHOUT_ZONE.test(raw)) defects.push('ts_no_zone');
  else defects.push('ts_implausible');
  return now;
}

/**
 * The life-safety event a device of `kind` meant, from a JSON value its schema refused; null when it is not an
 * object whose `type` is a life-safety event of that kind (then the refusal stands). `now` is the gateway's clock;
 * `derive` gives the id of an event whose own is unusable (the ingest passes createDerivedIds' function).
 */
export function salvageLifeSafetyEvent(
  kind: DeviceKind,
  json: unknown,
  text: string,
  now: number,
  derive: (source: string) => string = (source) => DERIVED_ID_PREFIX + hashOf(source),
): Salvaged | null {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return null;
  const fields = json as Record<string, unknown>;
  const type = fields['type'];
  if (typeof type !== 'string') return null;
  const schema = LIFE_SAFETY_SCHEMAS.get(kind)?.get(type);
  if (!schema) return null;

  const defects: InputDefect[] = [];
  const payload: Record<string, unknown> = { type };
  payload['msgId'] = salvageMsgId(fields['msgId'], text, defects, derive);
  payload['ts'] = salvageTs(fields['ts'], now, defects);
  for (const [key, field] of Object.entries(schema.shape)) {
    if (ENVELOPE_KEYS.has(key)) continue;
    // An absent field the schema requires (a camera's room) is as much a defect as an invalid one.
    const parsed = (field as z.ZodType).safeParse(Object.hasOwn(fields, key) ? fields[key] : undefined);
    if (parsed.success) {
      if (parsed.data !== undefined) payload[key] = parsed.data;
    }
    else if (!defects.includes('field_invalid')) defects.push('field_invalid');
  }
  if (Object.keys(fields).some((key) => !Object.hasOwn(schema.shape, key))) defects.push('extra_fields');
  // A required field that was missing or invalid stays absent: the rules read every detection field as optional
  // (a camera fall without a valid confidence passes the confidence gate, which is the side of the alarm).
  return { message: { kind, channel: 'events', payload } as DeviceMessage, defects };
}
