import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { DeviceRecord } from '../../gateway/src/app/ports/store/devices.port.js';
import { startMosquitto, writeMosquittoFiles } from '../../tests/support/mosquitto.js';
import { sampleProcess } from '../process-sampler.js';
import type { TopologyProcess } from './cluster-phases.js';
import { killOnExit } from './exit-kill.js';
import { allowSysReading, BACKLOG_MONITOR_CONF } from './mosquitto-backlog.js';
import { findMosquittoPid } from './process-lookup.js';

// The scale-out topology's Mosquitto (tests/support/mosquitto.ts: the generated mosquitto.conf, persistence on),
// with what the benchmark needs around it: its process for the samplers, the registry's files loaded with a reload,
// and a way to throw away a backlog that the gateways could not drain in the time a run has.

/** Mosquitto's persistence file in its directory (persistence_location ./, the default persistence_file). */
const PERSISTENCE_FILE = 'mosquitto.db';

export interface TopologyBroker {
  url: string;
  /** CPU and resident memory of the broker process (whichever is running after a purge). */
  process: TopologyProcess;
  log(): string;
  /** Writes the password and ACL files from the registry (the gateways' login too) and reloads them. */
  loadRegistry(devices: DeviceRecord[]): Promise<void>;
  /**
   * Drops every message and session Mosquitto holds: a crash (SIGKILL, nothing saved) after its persistence file was
   * removed, then a start on the same port. The gateways' consumers reconnect and subscribe again on their own.
   */
  purge(): Promise<void>;
  stop(): Promise<void>;
}

export async function startTopologyBroker(gateway: { username: string; password: string }): Promise<TopologyBroker> {
  const registryOf = (devices: DeviceRecord[]) => ({ devices, gatewayUsername: gateway.username, gatewayPassword: gateway.password });
  const broker = await startMosquitto(registryOf([]), { extraConf: BACKLOG_MONITOR_CONF });
  let pid: number | null = null;
  let forget: () => void = () => undefined;
  const track = () => {
    forget();
    pid = findMosquittoPid(broker.dir);
    forget = pid === null ? () => undefined : killOnExit(pid, 'SIGKILL');
  };
  track();
  /** The highest VmHWM of the Mosquitto processes that purge() ended. */
  let retiredPeak = 0;
  const current = () => {
    if (pid === null) throw new Error('the Mosquitto process was not found');
    return sampleProcess(pid);
  };
  return {
    url: broker.url,
    process: {
      name: 'mosquitto',
      sample() {
        const s = current();
        return { cpuSeconds: s.cpuSeconds, memoryBytes: s.rssBytes };
      },
      peakBytes: () => Math.max(retiredPeak, current().peakRssBytes),
    },
    log: () => broker.log(),
    async loadRegistry(devices) {
      await writeMosquittoFiles(broker, registryOf(devices));
      await allowSysReading(broker.dir);
      broker.reload();
    },
    async purge() {
      try {
        retiredPeak = Math.max(retiredPeak, current().peakRssBytes);
      } catch {
        // not running: nothing to keep
      }
      await rm(join(broker.dir, PERSISTENCE_FILE), { force: true });
      await broker.restart('crash');
      track();
    },
    async stop() {
      await broker.stop();
      forget();
    },
  };
}
