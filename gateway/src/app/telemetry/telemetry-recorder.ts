import type { Logger } from 'pino';
import type { DeviceMessage } from '../../../../schemas/index.js';
import type { CareDirectory } from '../directories/care-directory.js';
import type { RegisteredDevice } from '../directories/device-registry.js';
import { telemetryPointOf } from './telemetry-points.js';
import type { SinkHealth, TelemetrySink } from '../ports/telemetry-sink.port.js';

// Hands each accepted reading to every telemetry sink. Sinks take points without waiting (the port's promise), so
// recording costs the ingest path a few object allocations and never an await. A sink that throws anyway is
// logged and skipped: telemetry must never turn into a failed alarm.

export function createTelemetryRecorder(deps: {
  sinks: readonly TelemetrySink[];
  directory: CareDirectory;
  logger: Logger;
  /**
   * Told of every admitted message, readings or not (the daily activity tally, the firmware a heartbeat names); must
   * not block or throw.
   */
  observers?: ReadonlyArray<(elderId: string, message: DeviceMessage, device: RegisteredDevice) => void>;
}) {
  const { sinks, directory } = deps;
  const logger = deps.logger.child({ module: 'telemetry' });

  return {
    record(device: RegisteredDevice, message: DeviceMessage): void {
      for (const observe of deps.observers ?? []) observe(device.elderId, message, device);
      const regionId = directory.get(device.elderId)?.regionId ?? '';
      const point = telemetryPointOf(message, { deviceId: device.id, deviceKind: device.kind, elderId: device.elderId, regionId });
      if (!point) return;
      for (const sink of sinks) {
        try {
          sink.write([point]);
        } catch (err) {
          logger.error({ err, sink: sink.name }, 'telemetry sink failed to take a point');
        }
      }
    },

    /** Each sink's state, for /readyz: a degraded sink is reported but never makes the gateway unready. */
    health(): Record<string, SinkHealth> {
      return Object.fromEntries(sinks.map((s) => [s.name, s.health()]));
    },

    async flush(): Promise<void> {
      await Promise.all(sinks.map((s) => s.flush()));
    },

    async close(): Promise<void> {
      await Promise.all(sinks.map((s) => s.close()));
    },
  };
}

export type TelemetryRecorder = ReturnType<typeof createTelemetryRecorder>;
