import type { Logger } from 'pino';
import type { Access } from '../access.js';
import type { RuleRunner } from '../decisions/rule-runner.js';
import type { DeviceRegistry } from '../directories/device-registry.js';
import type { RegionDirectory } from '../directories/region-directory.js';
import type { CommandResultStatus } from '../../../../schemas/index.js';
import type { DeviceCommandMetrics } from '../ports/metrics.port.js';
import type { CommitBatch } from '../ports/store/decisions.port.js';
import type { DeviceCommandsDeps } from './device-commands.service.js';
import { createCarryOverSettings } from './carry-over-settings.js';
import { startCommandExpiry, type CommandExpiry } from './command-expiry.js';
import { createCommandResults } from './command-results.js';
import { createCommandSender } from './command-sender.js';
import { createCommandTimeline } from './command-timeline.js';
import { createDeviceCommandsService } from './device-commands.service.js';

// Commands to devices, put together (issue 22): the REST use case, the sender, the device's answers, the expiry and
// the carry-over of settings to replacement hardware. The composition root attaches the broker and starts the expiry.

export function createDeviceCommands(deps: {
  store: DeviceCommandsDeps['store'];
  registry: DeviceRegistry;
  regions: RegionDirectory;
  rules: RuleRunner;
  metrics: DeviceCommandMetrics;
  setGatewayTestMode: (access: Access, deviceId: string, minutes: number | null) => Promise<unknown>;
  clock: () => number;
  newId: () => string;
  logger: Logger;
}) {
  const { store, metrics, clock, logger } = deps;
  const sender = createCommandSender({ store, registry: deps.registry, metrics, clock, logger });
  const timeline = createCommandTimeline({ store, rules: deps.rules, logger });
  const results = createCommandResults({ store, timeline, metrics, clock, logger });
  let expiry: CommandExpiry | null = null;
  const service = createDeviceCommandsService({
    store,
    regions: deps.regions,
    sender,
    timeline,
    setGatewayTestMode: deps.setGatewayTestMode,
    rearmExpiry: () => expiry?.rearm(),
    clock,
    newId: deps.newId,
  });
  // What the ingest path hands on (ingest-device-message.ts, DeviceStatusFollowers).
  const followers = {
    result: (deviceId: string, result: CommandResultStatus) => results.apply(deviceId, result),
    wentOffline: (deviceId: string) => sender.requeue(deviceId),
  };

  return {
    service,
    sender,
    /** For the ingest path: command_result and the offline will. */
    followers,
    /** For the in-process broker (adapters/mqtt/command-delivery.ts): each returns at once and never throws. */
    brokerEvents: {
      delivered(deviceId: string, commandId: string): void {
        sender.delivered(deviceId, commandId).catch((err: unknown) => logger.warn({ err, deviceId, commandId }, 'command delivery not recorded'));
      },
      ready(deviceId: string): void {
        void sender.resend(deviceId);
      },
      gone(deviceId: string): void {
        sender.sessionEnded(deviceId).catch((err: unknown) => logger.warn({ err, deviceId }, 'commands not queued again; they expire at their deadline'));
      },
    },
    carryOverSettings: createCarryOverSettings({ store, commands: service, clock, newId: deps.newId }),
    /**
     * External broker only: a device seen coming online (a presence written online) is sent what waits. The
     * in-process broker knows better (the device's SUBSCRIBE), command-delivery.ts.
     */
    afterCommit(batch: Pick<CommitBatch, 'presence'>): void {
      for (const p of batch.presence) if (p.online) void sender.flush(p.deviceId);
    },
    /** The deadline timer and the safety sweep; returns the stop. */
    startExpiry(): () => Promise<void> {
      const started = startCommandExpiry({ store, timeline, metrics, clock, logger });
      expiry = started;
      return async () => {
        expiry = null;
        await started.stop();
      };
    },
  };
}

export type DeviceCommands = ReturnType<typeof createDeviceCommands>;
