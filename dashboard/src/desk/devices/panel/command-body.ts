// A command form's values → the body of POST /devices/:id/commands, checked against the same ranges the gateway
// takes (schemas/device-commands.ts), so a number out of range is said at the form, in words, before a 400.

import { THRESHOLDS_BY_KIND, type CreateDeviceCommandBody, type DeviceCommandType, type DeviceKind, type DeviceThresholdKey } from '../../../../../schemas/index.js';
import type { MessageRef } from '../../../shared/api.js';

/** The ranges of schemas/device-commands.ts, for the form's min/max and its own check. */
export const THRESHOLD_RANGES: Record<DeviceThresholdKey, [number, number]> = {
  heartRateHigh: [60, 220],
  heartRateLow: [20, 100],
  spo2Low: [70, 99],
  fallSensitivity: [1, 5],
  sensitivity: [1, 5],
  alarmLelPercent: [1, 50],
  outOfBedMinutes: [1, 720],
};
export const INTERVAL_RANGES = { heartbeatSeconds: [30, 86_400], telemetrySeconds: [1, 3_600] } as const;
export const TEST_MINUTES_RANGE = [1, 1_440] as const;
export const MESSAGE_MAX = 64;
/** Only these kinds send telemetry; the others have a heartbeat interval alone. */
export const TELEMETRY_KINDS: readonly DeviceKind[] = ['wearable', 'bed_sensor'];

export type Built = { body: CreateDeviceCommandBody } | { error: MessageRef };

/** A whole number in [min, max] from a field; undefined when empty; an error naming the field otherwise. */
function numberField(values: Record<string, string>, name: string, [min, max]: readonly [number, number], label: string): number | undefined | MessageRef {
  const raw = (values[name] ?? '').trim();
  if (raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) return ['devices.cmd.outOfRange', { field: label, min, max }];
  return n;
}

const isError = (v: unknown): v is MessageRef => Array.isArray(v);

export function buildCommand(type: DeviceCommandType, kind: DeviceKind, values: Record<string, string>, label: (key: string) => string): Built {
  switch (type) {
    case 'locate':
    case 'snapshot':
    case 'reboot':
      return { body: { type } };
    case 'set_intervals': {
      const heartbeatSeconds = numberField(values, 'heartbeatSeconds', INTERVAL_RANGES.heartbeatSeconds, label('devices.cmd.heartbeatSeconds'));
      const telemetrySeconds = numberField(values, 'telemetrySeconds', INTERVAL_RANGES.telemetrySeconds, label('devices.cmd.telemetrySeconds'));
      if (isError(heartbeatSeconds)) return { error: heartbeatSeconds };
      if (isError(telemetrySeconds)) return { error: telemetrySeconds };
      if (heartbeatSeconds === undefined && telemetrySeconds === undefined) return { error: ['devices.cmd.intervalsNeedOne'] };
      return { body: { type, ...(heartbeatSeconds === undefined ? {} : { heartbeatSeconds }), ...(telemetrySeconds === undefined ? {} : { telemetrySeconds }) } };
    }
    case 'set_thresholds': {
      const thresholds: Partial<Record<DeviceThresholdKey, number>> = {};
      for (const key of THRESHOLDS_BY_KIND[kind]) {
        const n = numberField(values, key, THRESHOLD_RANGES[key], label(`devices.threshold.${key}`));
        if (isError(n)) return { error: n };
        if (n !== undefined) thresholds[key] = n;
      }
      if (Object.keys(thresholds).length === 0) return { error: ['devices.cmd.thresholdsNeedOne'] };
      return { body: { type, thresholds } };
    }
    case 'test_mode': {
      const enabled = values.enabled !== 'false';
      const minutes = enabled ? numberField(values, 'minutes', TEST_MINUTES_RANGE, label('devices.cmd.minutes')) : undefined;
      if (isError(minutes)) return { error: minutes };
      return { body: { type, enabled, ...(minutes === undefined ? {} : { minutes }) } };
    }
    case 'play_message': {
      const text = (values.text ?? '').trim();
      if (text === '') return { error: ['form.required'] };
      return { body: { type, text: [...text].slice(0, MESSAGE_MAX).join('') } };
    }
  }
}
