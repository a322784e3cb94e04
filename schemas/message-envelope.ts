import { z } from 'zod';

// Every device payload carries msgId (idempotency key, unique per device) and ts.
// ts is accepted as epoch milliseconds or ISO 8601 and normalised to epoch milliseconds.

/** Printable characters only: a message id is a key in every store (PostgreSQL refuses NUL in text). */
export const msgIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[^\p{Cc}]+$/u, 'msgId must not contain control characters');

const EARLIEST_PLAUSIBLE_TS = Date.UTC(2000, 0, 1);
/** Far enough ahead for any clock error, and inside every store's integer range. */
const LATEST_PLAUSIBLE_TS = Date.UTC(2100, 0, 1);

export const deviceTimestampSchema = z
  .union([z.number().int().nonnegative(), z.iso.datetime({ offset: true })])
  .transform((value, ctx) => {
    const ms = typeof value === 'number' ? value : Date.parse(value);
    if (!Number.isFinite(ms) || ms < EARLIEST_PLAUSIBLE_TS || ms > LATEST_PLAUSIBLE_TS) {
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
