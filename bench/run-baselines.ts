import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FleetDevice } from '../device-sim/src/load/load.types.js';
import type { BaselineFigures, BaselineOutcome, StepResult } from './bench.types.js';
import { startAedesForwarder } from './baselines/aedes-forwarder.js';
import type { BrokerUnderTest } from './baselines/broker-under-test.js';
import { measureForwarding } from './baselines/forwarding-baseline.js';
import { mosquittoMissing, startMosquitto } from './baselines/mosquitto.js';
import type { LoadDefaults, RunLoad } from './load-driver.js';

// The reference brokers, driven by the same generator with the same fleet slice as the gateway's baseline step.

export interface BaselineRun {
  which: ('mosquitto' | 'aedes')[];
  devices: FleetDevice[];
  steadySeconds: number;
  defaults: LoadDefaults;
  workDir: string;
  runLoad: RunLoad;
  print: (line: string) => void;
}

async function measure(run: BaselineRun, start: () => Promise<BrokerUnderTest>): Promise<BaselineOutcome> {
  let broker: BrokerUnderTest | null = null;
  try {
    broker = await start();
    run.print(`baseline: ${broker.name} ${broker.version} listening at ${broker.mqttUrl}`);
    return { result: await measureForwarding({ ...run, broker }) };
  } catch (err) {
    const message = `${(err as Error).message}${broker ? `\n${broker.output()}` : ''}`;
    run.print(`baseline failed: ${message}`);
    return { failed: message };
  } finally {
    await broker?.stop();
  }
}

export async function runBaselines(run: BaselineRun, gatewayStep: StepResult | undefined): Promise<BaselineFigures> {
  let mosquitto: BaselineOutcome | null = null;
  let aedes: BaselineOutcome | null = null;
  if (run.which.includes('mosquitto')) {
    const missing = mosquittoMissing();
    if (missing) {
      run.print(`baseline: ${missing}`);
      mosquitto = { skipped: missing };
    } else {
      const dir = join(run.workDir, 'mosquitto');
      mkdirSync(dir, { recursive: true });
      mosquitto = await measure(run, () => startMosquitto(dir));
    }
  }
  if (run.which.includes('aedes')) aedes = await measure(run, startAedesForwarder);

  const ours = gatewayStep?.saturation?.ackedPerSecond ?? null;
  const ratio = (outcome: BaselineOutcome | null) =>
    ours !== null && outcome && 'result' in outcome && outcome.result.forwardedPerSecond > 0 ? ours / outcome.result.forwardedPerSecond : null;
  return { devices: run.devices.length, mosquitto, aedes, ratioToMosquitto: ratio(mosquitto), ratioToAedes: ratio(aedes) };
}
