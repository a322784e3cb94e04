import type { CreateDeviceCommandBody } from '../../../../schemas/index.js';

// A request's command parameters, apart from the options that are not sent to the device (id, alertId, ttlSeconds),
// and whether two sets of parameters are the same command (a repeated request with the same id).

export function parametersOf(body: CreateDeviceCommandBody): Record<string, unknown> {
  const rest: Record<string, unknown> = { ...body };
  for (const option of ['type', 'id', 'alertId', 'ttlSeconds']) delete rest[option];
  return rest;
}

/** JSON with its keys in order, so that { a, b } and { b, a } compare equal. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

export const sameParameters = (a: Record<string, unknown>, b: Record<string, unknown>): boolean => canonical(a) === canonical(b);
