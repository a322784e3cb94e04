import { batteryDies } from './battery-dies.scenario.js';
import { cameraFallRoom203 } from './camera-fall-room-203.scenario.js';
import { fallAtNight } from './fall-at-night.scenario.js';
import { heartRateClimbsAndRecovers } from './heart-rate-climbs-and-recovers.scenario.js';
import { oldFirmwareSos } from './old-firmware-sos.scenario.js';
import type { Scenario, ScenarioContext, ScenarioName, ScenarioResult } from './scenario.js';
import { smokeInKitchen } from './smoke-in-kitchen.scenario.js';
import { staysInBathroom } from './stays-in-bathroom.scenario.js';
import { wandersOff } from './wanders-off.scenario.js';
import { wandersAtNight } from './wanders-at-night.scenario.js';

// Every scenario by name, for tests (`runScenario('smoke-in-kitchen', { client, mqttUrl, fast: true })`) and the demo.

export * from './scenario.js';
export { DEADLINE_SLACK_MS } from './scenario-run.js';
export { compareWithDesk, waitForDesk, type DeskComparison, type WaitForDeskOptions } from './desk-check.js';

export const SCENARIOS: Record<ScenarioName, Scenario> = {
  'fall-at-night': fallAtNight,
  'heart-rate-climbs-and-recovers': heartRateClimbsAndRecovers,
  'smoke-in-kitchen': smokeInKitchen,
  'battery-dies': batteryDies,
  'camera-fall-room-203': cameraFallRoom203,
  'wanders-off': wandersOff,
  'stays-in-bathroom': staysInBathroom,
  'wanders-at-night': wandersAtNight,
  'old-firmware-sos': oldFirmwareSos,
};

/**
 * Provisions the scenario's elder and devices, plays its script and resolves with what the desk should end up
 * seeing. The devices stay connected: call `close()` on the result when done.
 */
export function runScenario(name: ScenarioName, context: ScenarioContext): Promise<ScenarioResult> {
  return SCENARIOS[name].run(context);
}
