import type { Logger } from 'pino';
import { wireMessageOf } from '../../core/device-commands/command-wire.js';
import { KeyedSerialQueue } from '../decisions/keyed-serial-queue.js';
import type { DeviceRegistry } from '../directories/device-registry.js';
import type { DeviceCommandMetrics } from '../ports/metrics.port.js';
import type { DeviceCommandRecord, DeviceCommandStore } from '../ports/store/device-commands.port.js';
import type { DeviceCommandLink } from './command-link.port.js';

// Sends a device its queued commands, in the order they were made, when it can take them: after a command is made,
// when the device subscribes to its commands (in-process broker) or comes online (external broker). The store's
// claim marks them sent in one guarded update, so with several instances on one PostgreSQL each command is claimed,
// and published, by exactly one of them, whoever flushes. One flush at a time per device (a keyed serial queue) keeps
// the order within this instance; a publish that fails puts the command and those after it back in the queue.

export interface CommandSenderDeps {
  store: DeviceCommandStore;
  registry: DeviceRegistry;
  metrics: DeviceCommandMetrics;
  clock: () => number;
  logger: Logger;
}

export function createCommandSender(deps: CommandSenderDeps) {
  const { store, metrics, clock } = deps;
  const logger = deps.logger.child({ module: 'device-commands' });
  const queue = new KeyedSerialQueue();
  let link: DeviceCommandLink | null = null;
  /**
   * Devices this process published a command to since their session began. Only their leaving can leave a command
   * sent and unacknowledged here, so only they cost a store call when a connection ends (a fleet of 10,000 devices
   * dropping at once must not make 10,000); anything older is sent again when the device subscribes (resend).
   */
  const publishedTo = new Set<string>();

  const ready = (deviceId: string): boolean => {
    if (!link) return false;
    return link.isReady ? link.isReady(deviceId) : deps.registry.get(deviceId)?.presence?.online === true;
  };

  /** Back to queued: the next flush sends it again (the same msgId, so the device does it once). */
  async function putBack(commands: readonly DeviceCommandRecord[]): Promise<void> {
    for (const c of commands) await store.transitionDeviceCommand({ id: c.id, from: ['sent'], to: 'queued', at: clock() });
  }

  /** The device went away: what it had not acknowledged goes again when it is back. */
  async function requeue(deviceId: string): Promise<void> {
    await queue.run(deviceId, async () => {
      const n = await store.requeueSentDeviceCommands(deviceId);
      if (n > 0) logger.info({ deviceId, commands: n }, 'device went away before acknowledging; commands queued again');
    });
  }

  async function sendQueued(deviceId: string): Promise<number> {
    const current = link;
    if (!current || !ready(deviceId)) return 0;
    const now = clock();
    const claimed = await store.claimQueuedDeviceCommands(deviceId, now);
    for (let i = 0; i < claimed.length; i++) {
      const command = claimed[i]!;
      try {
        publishedTo.add(deviceId);
        await current.publish(deviceId, JSON.stringify(wireMessageOf(command, now)));
        metrics.deviceCommands.inc({ type: command.type, outcome: 'sent' });
      } catch (err) {
        metrics.deviceCommands.inc({ type: command.type, outcome: 'send_failed' });
        logger.warn({ err, deviceId, commandId: command.id }, 'command not published; queued again');
        // The ones after it wait too: a device gets its commands in order or not at all.
        await putBack(claimed.slice(i));
        return i;
      }
    }
    return claimed.length;
  }

  return {
    /** The broker to publish through, once it runs; returns the detach for its close. */
    attach(next: DeviceCommandLink): () => void {
      link = next;
      return () => {
        if (link === next) link = null;
      };
    },
    /** Sends what is queued for the device if it can take it now; never throws (the queue stays as it is). */
    flush(deviceId: string): Promise<number> {
      return queue.run(deviceId, () => sendQueued(deviceId)).catch((err: unknown) => {
        logger.error({ err, deviceId }, 'queued commands not sent');
        return 0;
      });
    },
    /**
     * The device (re)subscribed in a new session: what an earlier session was sent and never acknowledged goes again
     * (same msgId), before and in order with what is queued. A device that reconnects replaces its old session without
     * a disconnect the gateway can act on, so this is where those commands come back.
     */
    resend(deviceId: string): Promise<number> {
      return queue
        .run(deviceId, async () => {
          await store.requeueSentDeviceCommands(deviceId);
          return sendQueued(deviceId);
        })
        .catch((err: unknown) => {
          logger.error({ err, deviceId }, 'commands not sent again');
          return 0;
        });
    },
    /** The device acknowledged the message (its PUBACK, in-process broker): sent → delivered. */
    async delivered(deviceId: string, commandId: string): Promise<void> {
      const moved = await store.transitionDeviceCommand({ id: commandId, from: ['sent'], to: 'delivered', at: clock() });
      if (moved && moved.deviceId === deviceId) metrics.deviceCommands.inc({ type: moved.type, outcome: 'delivered' });
    },
    /** The in-process broker's session of the device ended: what this process sent it and it did not acknowledge goes again. */
    async sessionEnded(deviceId: string): Promise<void> {
      if (!publishedTo.delete(deviceId)) return;
      await requeue(deviceId);
    },
    /** The device went away: what it had not acknowledged goes again when it is back. */
    requeue,
  };
}

export type CommandSender = ReturnType<typeof createCommandSender>;
