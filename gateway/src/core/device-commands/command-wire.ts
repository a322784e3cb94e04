import { PENDING_COMMAND_STATUSES as PENDING, type DeviceCommandStatus, type DeviceCommandType, type DeviceOrder } from '../../../../schemas/index.js';

// A stored command as the device receives it on devices/{id}/commands (deviceOrderSchema), and what the device's
// answer (`command_result`) does to it. Pure: the record and the time in, the message or the move out.

/** What of a stored command these functions read. */
export interface CommandFacts {
  id: string;
  type: DeviceCommandType;
  parameters: Record<string, unknown>;
  status: DeviceCommandStatus;
  expiresAt: number;
}

/** The message for the device. msgId = commandId: sent again after a reconnect, it is recognisably the same. */
export function wireMessageOf(command: CommandFacts, now: number): DeviceOrder {
  return { ...command.parameters, msgId: command.id, ts: now, type: command.type, commandId: command.id, expiresAt: command.expiresAt } as DeviceOrder;
}

/** The device's answer, as far as the command's record cares. */
export interface CommandAnswer {
  status: 'received' | 'done' | 'failed';
  reason?: string | undefined;
  data?: Record<string, unknown> | undefined;
}

/** A guarded move: applies only when the command is still in one of `from`. */
export interface CommandMove {
  from: readonly DeviceCommandStatus[];
  to: DeviceCommandStatus;
  failureReason?: string | null;
  resultData?: Record<string, unknown> | null;
}

/**
 * What an answer does to a command in `status`: received moves sent → delivered (a broker that hides the PUBACK);
 * done moves sent or delivered → done with its data; failed moves any pending status (queued, sent, delivered) → failed with the reason.
 * Anything else (a late answer to an expired command, a second `done`) changes nothing: null.
 */
export function moveOfAnswer(status: DeviceCommandStatus, answer: CommandAnswer): CommandMove | null {
  switch (answer.status) {
    case 'received':
      return status === 'sent' ? { from: ['sent'], to: 'delivered' } : null;
    case 'done':
      return status === 'sent' || status === 'delivered' ? { from: ['sent', 'delivered'], to: 'done', resultData: answer.data ?? null } : null;
    case 'failed':
      // Any pending status: a command requeued because the PUBACK was lost may well have reached the device.
      return PENDING.includes(status) ? { from: PENDING, to: 'failed', failureReason: answer.reason ?? 'failed' } : null;
  }
}

/** The line on the alert's timeline: "locate → done", with the device's reason when it failed. */
export function timelineNoteOf(type: DeviceCommandType, status: DeviceCommandStatus, reason?: string | null): string {
  return reason ? `${type} → ${status}: ${reason}` : `${type} → ${status}`;
}
