import { z } from 'zod';

// How the gateway watches one elder: the risk category that picks default thresholds, the elder's own
// overrides, and the "away" state that pauses inactivity rules while the elder is out or in hospital.

export const RISK_CATEGORIES = ['alone', 'empty_nest', 'disabled', 'very_old', 'hardship', 'general', 'dementia'] as const;
export const riskCategorySchema = z.enum(RISK_CATEGORIES);
export type RiskCategory = z.infer<typeof riskCategorySchema>;

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a local time as HH:MM');
const positive = z.number().positive();

/**
 * Every threshold the rules use. A value pair `x` / `xClear` is a threshold with hysteresis: the condition starts
 * past `x` and ends only past `xClear`, so a reading that hovers at the limit does not flap.
 */
export const thresholdsSchema = z.object({
  heartRateHigh: positive,
  heartRateHighClear: positive,
  heartRateLow: positive,
  heartRateLowClear: positive,
  heartRateSustainSeconds: positive,
  spo2Low: positive.max(100),
  spo2LowClear: positive.max(100),
  spo2SustainSeconds: positive,
  skinTemperatureHigh: positive,
  skinTemperatureHighClear: positive,
  skinTemperatureSustainSeconds: positive,
  breathingRateHigh: positive,
  breathingRateHighClear: positive,
  breathingRateLow: positive,
  breathingRateLowClear: positive,
  breathingRateSustainSeconds: positive,
  /** No pass in front of any motion sensor for this long, counting daytime only. */
  inactivityDaytimeHours: positive,
  /** Last motion was in the bathroom and nothing moved elsewhere for this long. */
  bathroomStayHours: positive,
  /** The entrance door did not open for this long. */
  doorIdleHours: positive,
  /** Out of bed at night and not back for this long. */
  bedReturnMinutes: positive,
  /** A wearable taken off and not put back for this long. */
  wearableNotWornHours: positive,
  /** A wearable must stay outside (or back inside) a fence this long before the desk is told (GPS jitter at the edge). */
  geofenceDebounceSeconds: z.number().min(0).max(3600),
  daytimeStart: clock,
  daytimeEnd: clock,
  nightStart: clock,
  nightEnd: clock,
  batteryLow: positive.max(100),
  batteryLowClear: positive.max(100),
  /** Camera detections below this confidence are recorded but do not alarm on their own. */
  cameraMinConfidence: z.number().min(0).max(1),
  /** ... unless this many arrive within the window. */
  cameraLowConfidenceRepeats: z.number().int().min(2),
  cameraLowConfidenceWindowMinutes: positive,
  /** Out of bed at night, then out of the door or the home fence: not back within this long is night wandering. */
  nightWanderingMinutes: positive,
  /** The priority of a night-wandering alert: 2, or 1 for an elder who may not find the way back (dementia). */
  nightWanderingPriority: z.union([z.literal(1), z.literal(2)]),
  /** After a fall, no motion and no wearable movement for this long tells the desk again, on the alert. */
  fallNoMovementMinutes: positive,
  /** A day's activity this fraction or more below the home's baseline is a low day (1/3 below: 0.33). */
  activityDropFraction: z.number().gt(0).lt(1),
  /** This many low days in a row open a wellness check. */
  activityDropDays: z.number().int().min(1).max(14),
  /** The baseline: the mean of the days before those, this many back. */
  activityBaselineDays: z.number().int().min(7).max(90),
});
export type Thresholds = z.infer<typeof thresholdsSchema>;

/** An elder's own overrides: any subset of the thresholds. */
export const thresholdOverridesSchema = thresholdsSchema.partial().strict();
export type ThresholdOverrides = z.infer<typeof thresholdOverridesSchema>;
