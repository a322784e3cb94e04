import { z } from 'zod';

// A home's daily activity, as the gateway counts it from the devices' own messages (app/activity/activity-tally.ts), and the
// trend the desk shows on the home's panel: GET /api/v1/elders/:id/activity?days=28.

/** A local calendar day, YYYY-MM-DD, in the elders' time zone (UTC_OFFSET_MINUTES). */
export const localDaySchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a local day as YYYY-MM-DD');

export const activityDaySchema = z.object({
  day: localDaySchema,
  /** Passes in front of the home's motion sensors. */
  motionEvents: z.number().int().nonnegative(),
  /** Entrance door openings and closings. */
  doorEvents: z.number().int().nonnegative(),
  /** Minutes the bed sensor said the elder was in bed, counted into the day they fell on. */
  bedMinutes: z.number().nonnegative(),
  /** The wearable's highest step count of the day (devices count from local midnight). */
  steps: z.number().int().nonnegative(),
});
export type ActivityDay = z.infer<typeof activityDaySchema>;

export const activityQuerySchema = z.strictObject({
  /** How many days back from today (today included, still counting). */
  days: z.coerce.number().int().min(1).max(90).default(28),
});

export const activityReplySchema = z.object({
  elderId: z.string(),
  /** Days the gateway heard the home at all, oldest first; a day missing is a day with no data, not a day of zeros. */
  days: z.array(activityDaySchema),
  /**
   * What the trend rule compares with: the mean motion + door events and steps per day over the baseline days
   * before the last complete days; null while fewer than 7 days are known.
   */
  baseline: z.object({ events: z.number(), steps: z.number(), days: z.number().int() }).nullable(),
  /** The wellness check of a drop is open or was opened for the current drop (the day the drop began). */
  dropSince: localDaySchema.nullable(),
});
export type ActivityReply = z.infer<typeof activityReplySchema>;
