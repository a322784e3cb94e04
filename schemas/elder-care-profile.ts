import { z } from 'zod';

// How the gateway watches one elder: the risk category that picks default thresholds, the elder's own
// overrides, and the "away" state that pauses inactivity rules while the elder is out or in hospital.

export const RISK_CATEGORIES = ['alone', 'empty_nest', 'disabled', 'very_old', 'hardship', 'general'] as const;
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
});
export type Thresholds = z.infer<typeof thresholdsSchema>;

/** An elder's own overrides: any subset of the thresholds. */
export const thresholdOverridesSchema = thresholdsSchema.partial().strict();
export type ThresholdOverrides = z.infer<typeof thresholdOverridesSchema>;
