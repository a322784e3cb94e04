import type { AlertType, Priority } from '../../../../schemas/index.js';

// What each alert type is: its priority, whether it is about the elder or about one device, and whether the
// gateway may close it by itself when the condition ends. Life-safety alarms never close themselves: a smoke
// detector that goes quiet does not prove the fire is out, so the clear is only noted for the desk.

export interface AlertTypeInfo {
  priority: Priority;
  /** 'elder': one open alert per elder and type; 'device': one per elder, type and device. */
  scope: 'elder' | 'device';
  clearsItself: boolean;
}

const p1 = { priority: 1, scope: 'elder', clearsItself: false } as const;
const p2 = (clearsItself: boolean): AlertTypeInfo => ({ priority: 2, scope: 'elder', clearsItself });
const p3device = { priority: 3, scope: 'device', clearsItself: true } as const;

export const ALERT_TYPE_INFO: Record<AlertType, AlertTypeInfo> = {
  sos: p1,
  fall: p1,
  smoke: p1,
  gas: p1,
  // P1 unless the operator chose otherwise for this call (alert-factory's priority).
  phone_emergency: p1,
  heart_rate_high: p2(true),
  heart_rate_low: p2(true),
  spo2_low: p2(true),
  skin_temperature_high: p2(true),
  breathing_rate_high: p2(true),
  breathing_rate_low: p2(true),
  geofence_exit: p2(true),
  wandering: p2(false),
  // P2 by default; the elder's profile may raise it to P1 (nightWanderingPriority, dementia). Coming back is noted,
  // not cleared: somebody should still check how the night went.
  night_wandering: p2(false),
  bed_exit_night: p2(true),
  prolonged_stay: p2(true),
  inactivity: p2(true),
  no_motion: p2(false),
  door_inactive: p2(true),
  water_leak: p2(false),
  intrusion: p2(false),
  device_offline: p3device,
  test_signal_missed: p3device,
  low_battery: p3device,
  wearable_not_worn: p3device,
  // A question, not an alarm: the desk ends the away state (which clears it) or checks on the home.
  motion_while_away: { priority: 3, scope: 'elder', clearsItself: true },
};

export function alertDedupKey(type: AlertType, deviceId: string | null, test: boolean): string {
  const base = ALERT_TYPE_INFO[type].scope === 'device' ? `${type}:${deviceId ?? ''}` : type;
  // A test alarm never merges into a real one, nor a real one into a test.
  return test ? `test:${base}` : base;
}
