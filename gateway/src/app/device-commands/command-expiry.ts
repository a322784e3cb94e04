import type { Logger } from 'pino';
import type { DeviceCommandMetrics } from '../ports/metrics.port.js';
import type { DeviceCommandStore } from '../ports/store/device-commands.port.js';
import type { CommandTimeline } from './command-timeline.js';

// Commands expire at their stored deadline, across restarts: a timer for the earliest pending deadline, armed again
// after each sweep and whenever a command is made, and a safety sweep every 30 s for the commands another instance
// made (its timer is not ours). Expiring is a guarded update that returns what it expired, so with several instances
// each command is expired, and put on its alert's timeline, once.

const SAFETY_SWEEP_MS = 30_000;
const BATCH = 200;
/** setTimeout's limit; a later deadline is looked at again when this one fires. */
const LONGEST_WAIT_MS = 2_147_000_000;

export function startCommandExpiry(deps: { store: DeviceCommandStore; timeline: CommandTimeline; metrics: DeviceCommandMetrics; clock: () => number; logger: Logger; safetySweepMs?: number }) {
  const { store, clock } = deps;
  const logger = deps.logger.child({ module: 'device-commands' });
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let sweeping: Promise<void> = Promise.resolve();

  async function expireDue(): Promise<void> {
    for (;;) {
      const expired = await store.expireDueDeviceCommands(clock(), BATCH);
      for (const command of expired) {
        deps.metrics.deviceCommands.inc({ type: command.type, outcome: 'expired' });
        await deps.timeline.note(command, 'expired', 'system:device-commands');
      }
      if (expired.length < BATCH) return;
    }
  }

  async function arm(): Promise<void> {
    const next = await store.nextDeviceCommandDeadline();
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = null;
    if (next === null) return;
    timer = setTimeout(() => void sweep(), Math.min(Math.max(0, next - clock()), LONGEST_WAIT_MS));
    timer.unref();
  }

  /** One sweep at a time; then the timer is set for whatever is due next. */
  function sweep(): Promise<void> {
    sweeping = sweeping
      .then(expireDue)
      .then(arm)
      .catch((err: unknown) => logger.error({ err }, 'command expiry sweep failed; the next sweep tries again'));
    return sweeping;
  }

  const safety = setInterval(() => void sweep(), deps.safetySweepMs ?? SAFETY_SWEEP_MS);
  safety.unref();
  void sweep();

  return {
    /** A command was made: its deadline may be the earliest now. */
    rearm(): void {
      sweeping = sweeping.then(arm).catch((err: unknown) => logger.error({ err }, 'command expiry timer not set'));
    },
    async stop(): Promise<void> {
      stopped = true;
      clearInterval(safety);
      if (timer) clearTimeout(timer);
      await sweeping;
    },
  };
}

export type CommandExpiry = ReturnType<typeof startCommandExpiry>;
