import type { Logger } from 'pino';
import { evaluateConnection } from '../../core/evaluate.js';
import type { DeviceRegistry } from '../directories/device-registry.js';
import type { RuleRunner } from '../decisions/rule-runner.js';

// The broker tells us when a device's connection starts and ends; the device-connection rule decides what that
// means (online now; offline after a grace period unless it comes back).

export function createConnectionTracker(deps: { registry: DeviceRegistry; rules: RuleRunner; logger: Logger }) {
  const logger = deps.logger.child({ module: 'connections' });
  let stopping = false;

  return {
    onConnection(deviceId: string, connected: boolean): void {
      // While the gateway shuts down it closes every connection itself; that says nothing about the devices.
      if (stopping) return;
      const device = deps.registry.get(deviceId);
      if (!device) return;
      deps.rules
        .run({ elderId: device.elderId, deviceId, evaluate: (state, now) => evaluateConnection(connected, state, now) })
        .catch((err: unknown) => logger.error({ err, deviceId, connected }, 'connection change not stored'));
    },
    /** From now on, connections closing are the gateway's own doing. */
    stop(): void {
      stopping = true;
    },
  };
}

export type ConnectionTracker = ReturnType<typeof createConnectionTracker>;
