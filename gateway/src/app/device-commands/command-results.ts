import type { Logger } from 'pino';
import type { CommandResultStatus } from '../../../../schemas/index.js';
import { moveOfAnswer } from '../../core/device-commands/command-wire.js';
import type { DeviceCommandMetrics } from '../ports/metrics.port.js';
import type { DeviceCommandStore } from '../ports/store/device-commands.port.js';
import type { CommandTimeline } from './command-timeline.js';

// A device's `command_result` (schemas/devices/device-status.ts): what it does to the command's record
// (core/device-commands/command-wire.ts), counted by outcome. A result for a command the gateway does not have, or
// that another device was sent, is counted, logged and dropped; the message itself is acknowledged all the same
// (sending it again would not make it right).

export function createCommandResults(deps: { store: DeviceCommandStore; timeline: CommandTimeline; metrics: DeviceCommandMetrics; clock: () => number; logger: Logger }) {
  const { store, metrics } = deps;
  const logger = deps.logger.child({ module: 'device-commands' });
  const count = (outcome: 'applied' | 'unknown_command' | 'wrong_device' | 'stale') => metrics.deviceCommandResults.inc({ outcome });

  return {
    async apply(deviceId: string, result: CommandResultStatus): Promise<void> {
      const command = await store.getDeviceCommand(result.commandId);
      if (!command || command.deviceId !== deviceId) {
        count(command ? 'wrong_device' : 'unknown_command');
        logger.warn({ deviceId, commandId: result.commandId, status: result.status, owner: command?.deviceId ?? null }, 'command result dropped: not a command sent to this device');
        return;
      }
      const move = moveOfAnswer(command.status, result);
      // `received` after the PUBACK already marked it delivered is the normal order with the in-process broker.
      if (!move) return count(result.status === 'received' && command.status === 'delivered' ? 'applied' : 'stale');
      const moved = await store.transitionDeviceCommand({ id: command.id, at: deps.clock(), ...move });
      if (!moved) return count('stale');
      count('applied');
      metrics.deviceCommands.inc({ type: moved.type, outcome: moved.status });
      if (moved.status === 'done' || moved.status === 'failed') await deps.timeline.note(moved, moved.status, `device:${deviceId}`, moved.failureReason);
    },
  };
}

export type CommandResults = ReturnType<typeof createCommandResults>;
