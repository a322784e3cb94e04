import { COMMANDS_BY_KIND, MESSAGE_SCHEMAS, THRESHOLDS_BY_KIND, type DeviceCommandType, type DeviceKind } from '../../../../schemas/index.js';

// Whether a device of a kind can take a command (issue 22): the kinds' command lists and thresholds are the contract
// (schemas/device-commands.ts); this only reads them. Pure: the refusal carries a stable code for the use case.

export type CommandRefusalCode = 'COMMAND_UNSUPPORTED' | 'COMMAND_PARAMETERS_MISSING';

export interface CommandRefusal {
  code: CommandRefusalCode;
  detail: string;
}

const SECOND = 1000;
/** A position or a picture is wanted now: after two minutes it is history, so the command gives up. */
const SHORT_LIVED: ReadonlySet<DeviceCommandType> = new Set(['locate', 'snapshot']);
const SHORT_TTL_SECONDS = 120;
const DEFAULT_TTL_SECONDS = 3600;

/** How long the gateway keeps trying a command of this type when the caller did not say. */
export function defaultTtlSeconds(type: DeviceCommandType): number {
  return SHORT_LIVED.has(type) ? SHORT_TTL_SECONDS : DEFAULT_TTL_SECONDS;
}

/** The stored deadline of a command created at `now`. */
export function commandDeadline(type: DeviceCommandType, ttlSeconds: number | undefined, now: number): number {
  return now + (ttlSeconds ?? defaultTtlSeconds(type)) * SECOND;
}

/** Whether the kind sends readings at all (a telemetry channel): only then has it a telemetry interval. */
const hasTelemetry = (kind: DeviceKind): boolean => MESSAGE_SCHEMAS[kind].telemetry !== null;

/** Why a device of `kind` cannot take this command with these parameters; null when it can. */
export function refusalOf(kind: DeviceKind, type: DeviceCommandType, parameters: Record<string, unknown>): CommandRefusal | null {
  if (!COMMANDS_BY_KIND[kind].includes(type)) {
    return { code: 'COMMAND_UNSUPPORTED', detail: `a ${kind} takes ${COMMANDS_BY_KIND[kind].join(', ')}; not ${type}` };
  }
  if (type === 'set_intervals') {
    if (parameters['heartbeatSeconds'] === undefined && parameters['telemetrySeconds'] === undefined) {
      return { code: 'COMMAND_PARAMETERS_MISSING', detail: 'set_intervals needs heartbeatSeconds or telemetrySeconds' };
    }
    if (parameters['telemetrySeconds'] !== undefined && !hasTelemetry(kind)) {
      return { code: 'COMMAND_UNSUPPORTED', detail: `a ${kind} sends no telemetry: it has no telemetrySeconds` };
    }
  }
  if (type === 'set_thresholds') {
    const given = Object.keys((parameters['thresholds'] ?? {}) as Record<string, unknown>);
    if (given.length === 0) return { code: 'COMMAND_PARAMETERS_MISSING', detail: 'set_thresholds needs at least one threshold' };
    const known: readonly string[] = THRESHOLDS_BY_KIND[kind];
    const lacking = given.filter((key) => !known.includes(key));
    if (lacking.length > 0) {
      return { code: 'COMMAND_UNSUPPORTED', detail: `a ${kind} has no threshold ${lacking.join(', ')} (it has: ${known.join(', ') || 'none'})` };
    }
  }
  return null;
}
