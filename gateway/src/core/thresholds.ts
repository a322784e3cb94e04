import type { RiskCategory, ThresholdOverrides, Thresholds } from '../../../schemas/index.js';

// Default thresholds, adjusted by risk category, then the elder's own overrides on top.
// Inactivity follows Chinese home-care-bed programmes: no pass in front of the motion sensor for 4-5 h in the
// daytime, more than 4 h in the bathroom, no door opening for 48 h.

export const BASE_THRESHOLDS: Thresholds = {
  heartRateHigh: 120,
  heartRateHighClear: 110,
  heartRateLow: 45,
  heartRateLowClear: 50,
  heartRateSustainSeconds: 60,
  spo2Low: 90,
  spo2LowClear: 93,
  spo2SustainSeconds: 60,
  skinTemperatureHigh: 38,
  skinTemperatureHighClear: 37.5,
  skinTemperatureSustainSeconds: 300,
  breathingRateHigh: 28,
  breathingRateHighClear: 25,
  breathingRateLow: 8,
  breathingRateLowClear: 10,
  breathingRateSustainSeconds: 60,
  inactivityDaytimeHours: 5,
  bathroomStayHours: 4,
  doorIdleHours: 48,
  bedReturnMinutes: 30,
  wearableNotWornHours: 2,
  geofenceDebounceSeconds: 60,
  daytimeStart: '07:00',
  daytimeEnd: '21:00',
  nightStart: '22:00',
  nightEnd: '06:00',
  batteryLow: 20,
  batteryLowClear: 30,
  cameraMinConfidence: 0.7,
  cameraLowConfidenceRepeats: 3,
  cameraLowConfidenceWindowMinutes: 10,
  nightWanderingMinutes: 10,
  nightWanderingPriority: 2,
  fallNoMovementMinutes: 2,
  activityDropFraction: 0.33,
  activityDropDays: 2,
  activityBaselineDays: 28,
};

/** Elders at higher risk are watched more closely: shorter inactivity, quicker bed-return checks. */
export const RISK_CATEGORY_THRESHOLDS: Record<RiskCategory, Partial<Thresholds>> = {
  alone: { inactivityDaytimeHours: 4, bedReturnMinutes: 20 },
  disabled: { inactivityDaytimeHours: 4, bedReturnMinutes: 15, bathroomStayHours: 3 },
  very_old: { inactivityDaytimeHours: 4, bedReturnMinutes: 20 },
  hardship: { inactivityDaytimeHours: 4.5 },
  empty_nest: { inactivityDaytimeHours: 4.5 },
  general: {},
  // May not find the way back: night wandering is a life-safety alarm, and it is called sooner.
  dementia: { nightWanderingPriority: 1, nightWanderingMinutes: 5, bedReturnMinutes: 15 },
};

export function effectiveThresholds(category: RiskCategory, overrides: ThresholdOverrides): Thresholds {
  return { ...BASE_THRESHOLDS, ...RISK_CATEGORY_THRESHOLDS[category], ...overrides };
}

/**
 * The hysteresis pairs must clear on the safe side of where they start, or an alert would open and close on one
 * reading. Returns the names of pairs that do not; empty when the thresholds are consistent.
 */
export function inconsistentHysteresis(t: Thresholds): string[] {
  const problems: string[] = [];
  const above = (start: keyof Thresholds, clear: keyof Thresholds) => {
    if (!((t[clear] as number) < (t[start] as number))) problems.push(`${String(clear)} must be below ${String(start)}`);
  };
  const below = (start: keyof Thresholds, clear: keyof Thresholds) => {
    if (!((t[clear] as number) > (t[start] as number))) problems.push(`${String(clear)} must be above ${String(start)}`);
  };
  above('heartRateHigh', 'heartRateHighClear');
  below('heartRateLow', 'heartRateLowClear');
  below('spo2Low', 'spo2LowClear');
  above('skinTemperatureHigh', 'skinTemperatureHighClear');
  above('breathingRateHigh', 'breathingRateHighClear');
  below('breathingRateLow', 'breathingRateLowClear');
  below('batteryLow', 'batteryLowClear');
  return problems;
}
