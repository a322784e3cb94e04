import type { FleetDevice } from '../../device-sim/src/load/load.types.js';
import { rampSeconds, type LoadDefaults, type RunLoad } from '../load-driver.js';
import { steadyFigures, trackLoadPhases } from '../load-phases.js';
import type { BrokerUnderTest } from './broker-under-test.js';
import { startSubscriberCounter } from './subscriber-counter.js';

// One forwarding baseline: the same fleet and the same saturating generator as the gateway's step, against a plain
// broker with one subscriber on devices/#. The reference rate is what reaches the subscriber per second during the
// steady phase; the publishers' acknowledged rate is recorded beside it (a broker may acknowledge faster than it
// forwards, and queue the difference).

export interface ForwardingResult {
  broker: string;
  version: string;
  devices: number;
  connected: number;
  connectFailures: number;
  steadySeconds: number;
  /** PUBACKs to the publishers per second. */
  publisherAckedPerSecond: number;
  /** Messages delivered to the subscriber per second: the reference rate. */
  forwardedPerSecond: number;
  brokerCpuMicrosPerMessage: number | null;
  brokerCores: number | null;
  brokerPeakRssBytes: number;
  machineBusy: number;
  errors: number;
}

export interface ForwardingRun {
  broker: BrokerUnderTest;
  devices: FleetDevice[];
  steadySeconds: number;
  defaults: LoadDefaults;
  runLoad: RunLoad;
  print: (line: string) => void;
}

export async function measureForwarding({ broker, devices, steadySeconds, defaults, runLoad, print }: ForwardingRun): Promise<ForwardingResult> {
  const subscriber = await startSubscriberCounter(broker.mqttUrl);
  try {
    const phases = trackLoadPhases({
      label: `${broker.name} ${devices.length.toLocaleString('en-US')} · saturation`,
      pid: broker.pid,
      processName: broker.name,
      print,
      counter: subscriber.received,
    });
    const report = await runLoad({
      mqttUrl: broker.mqttUrl,
      devices,
      workers: defaults.workers,
      niceness: defaults.niceness,
      rampSeconds: rampSeconds(devices.length, defaults),
      durationSeconds: steadySeconds,
      rate: 'max',
      qos: 1,
      maxInflight: defaults.maxInflight,
      sos: null,
      onProgress: phases.onProgress,
    });
    const steady = steadyFigures(phases);
    return {
      broker: broker.name,
      version: broker.version,
      devices: report.devices,
      connected: report.connected,
      connectFailures: report.connectFailures,
      steadySeconds: steady?.seconds ?? report.steadySeconds,
      publisherAckedPerSecond: report.ackedPerSecond,
      forwardedPerSecond: steady?.countedPerSecond ?? 0,
      brokerCpuMicrosPerMessage: steady?.cpuMicrosPerMessage ?? null,
      brokerCores: steady?.processCores ?? null,
      brokerPeakRssBytes: phases.peakRssBytes(),
      machineBusy: steady?.machineBusy ?? 0,
      errors: report.errors,
    };
  } finally {
    await subscriber.close();
  }
}
