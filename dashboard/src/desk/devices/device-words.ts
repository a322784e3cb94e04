// How the devices tab says things: a state, a kind, "3 分钟前", a command's type and status, its result. A code this
// page has no words for (a newer gateway) shows as the code rather than as nothing.

import type { DeviceCommandView } from '../../../../schemas/index.js';
import { formatDateTime, formatTime, known, t } from '../../shared/i18n.js';

export const kindWords = (kind: string): string => known(`kind.${kind}`) ?? kind;
export const stateWords = (state: string): string => known(`devices.state.${state}`) ?? state;
export const commandWords = (type: string): string => known(`devices.cmd.${type}`) ?? type;
export const statusWords = (status: string): string => known(`devices.status.${status}`) ?? status;

/** "刚刚", "3 分钟前", "5 小时前", "2 天前": coarse on purpose, a list is read at a glance. */
export function sinceWords(iso: string | null, now: number): string {
  if (!iso) return t('devices.never');
  const minutes = Math.floor((now - Date.parse(iso)) / 60_000);
  if (minutes < 1) return t('devices.justNow');
  if (minutes < 60) return t('devices.minutesAgo', { n: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return t('devices.hoursAgo', { n: hours });
  return t('devices.daysAgo', { n: Math.floor(hours / 24) });
}

/** A time today as its clock time (seconds matter while a command moves), another day with its date. */
export function whenWords(iso: string | null, now: number): string {
  if (!iso) return '';
  return new Date(iso).toDateString() === new Date(now).toDateString() ? formatTime(iso) : formatDateTime(iso);
}

export interface Position {
  lat: number;
  lon: number;
  accuracyM: number | null;
}

/** The position a `locate` came back with, when its result holds one. */
export function positionOf(command: Pick<DeviceCommandView, 'resultData'>): Position | null {
  const data = command.resultData;
  if (!data || typeof data.lat !== 'number' || typeof data.lon !== 'number') return null;
  return { lat: data.lat, lon: data.lon, accuracyM: typeof data.accuracyM === 'number' ? data.accuracyM : null };
}

/** The snapshot reference a `snapshot` came back with: a link when it is one. */
export function snapshotOf(command: Pick<DeviceCommandView, 'resultData'>): string | null {
  const ref = command.resultData?.snapshotRef;
  return typeof ref === 'string' && ref !== '' ? ref : null;
}

/** The parameters as a short line ("心跳间隔 300", "“工作人员马上到”"), for the history. */
export function parameterWords(command: Pick<DeviceCommandView, 'type' | 'parameters'>): string {
  const p = command.parameters;
  if (command.type === 'play_message' && typeof p.text === 'string') return `“${p.text}”`;
  if (command.type === 'test_mode') return p.enabled === false ? t('devices.cmd.disable') : `${t('devices.cmd.enable')}${typeof p.minutes === 'number' ? ` ${p.minutes}′` : ''}`;
  if (command.type === 'set_thresholds' && p.thresholds && typeof p.thresholds === 'object') {
    return Object.entries(p.thresholds as Record<string, unknown>)
      .map(([key, value]) => `${known(`devices.threshold.${key}`) ?? key} ${String(value)}`)
      .join('，');
  }
  return Object.entries(p)
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(' ');
}
