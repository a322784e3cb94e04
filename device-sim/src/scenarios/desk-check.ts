import { setTimeout as sleep } from 'node:timers/promises';
import type { GatewayClient } from '../gateway-client.js';
import type { ScenarioResult } from './scenario.js';

// Compares what a scenario expected with what the gateway's REST API shows for the scenario's elder: the alerts and
// tasks, exactly (nothing missing, nothing extra). For tests and for the demo's "the desk now shows" line.
// Device expectations are not compared here: the REST API has no read of one device's presence yet.
// Care visits are left out: the visit policy owes one to every elder of a visiting group from registration on
// (issue 21), whatever the devices do, so they are the schedule's doing, not the scenario's.

const LIST_LIMIT = 1000;

export interface DeskComparison {
  /** True when every expected alert and task is there and nothing else is. */
  ok: boolean;
  /** One line per difference, e.g. "missing alert fall (P1, raised) on sc-…-watch". */
  differences: string[];
  /** What the desk shows for the elder, one short line per alert and task. */
  seen: string[];
}

export async function compareWithDesk(client: GatewayClient, result: ScenarioResult): Promise<DeskComparison> {
  const [alertList, taskList] = await Promise.all([client.listAlerts('all', LIST_LIMIT), client.listTasks('all', LIST_LIMIT)]);
  const alerts = alertList.items.filter((a) => a.elder.id === result.elderId);
  const tasks = taskList.items.filter((t) => t.elder.id === result.elderId && t.kind !== 'care_visit');
  const differences: string[] = [];

  const unmatchedAlerts = [...alerts];
  for (const want of result.expected.alerts) {
    const label = `${want.type} (P${want.priority}, ${want.status}) on ${want.deviceId}`;
    const index = unmatchedAlerts.findIndex((a) => a.type === want.type && a.deviceId === want.deviceId);
    const got = unmatchedAlerts[index];
    if (!got) {
      differences.push(`missing alert ${label}`);
      continue;
    }
    unmatchedAlerts.splice(index, 1);
    if (got.priority !== want.priority || got.status !== want.status) {
      differences.push(`alert ${want.type} on ${want.deviceId} is P${got.priority}, ${got.status}; expected P${want.priority}, ${want.status}`);
    }
  }
  for (const extra of unmatchedAlerts) differences.push(`unexpected alert ${extra.type} (P${extra.priority}, ${extra.status}) on ${extra.deviceId}`);

  const unmatchedTasks = [...tasks];
  for (const want of result.expected.tasks) {
    const index = unmatchedTasks.findIndex((t) => t.kind === want.kind && t.reason === want.reason && t.deviceId === want.deviceId);
    const got = unmatchedTasks[index];
    if (!got) {
      differences.push(`missing task ${want.kind}/${want.reason} (${want.status}) for ${want.deviceId ?? 'the elder'}`);
      continue;
    }
    unmatchedTasks.splice(index, 1);
    if (got.status !== want.status) differences.push(`task ${want.kind}/${want.reason} is ${got.status}; expected ${want.status}`);
  }
  for (const extra of unmatchedTasks) differences.push(`unexpected task ${extra.kind}/${extra.reason} (${extra.status})`);

  const seen = [
    ...alerts.map((a) => `alert ${a.type} P${a.priority} ${a.status}${a.count > 1 ? ` ×${a.count}` : ''}`),
    ...tasks.map((t) => `task ${t.kind}/${t.reason} ${t.status}`),
  ];
  return { ok: differences.length === 0, differences, seen };
}

export interface WaitForDeskOptions {
  /** Added to the longest `withinMs` of the expectation. Default 5 000. */
  extraMs?: number;
  pollMs?: number;
  signal?: AbortSignal;
}

/**
 * Polls until the desk shows what the scenario expected, or until the longest `withinMs` (plus `extraMs`) has
 * passed; resolves with the last comparison either way, so the caller decides how to fail.
 */
export async function waitForDesk(client: GatewayClient, result: ScenarioResult, options: WaitForDeskOptions = {}): Promise<DeskComparison> {
  const { expected } = result;
  const longest = Math.max(0, ...expected.alerts.map((a) => a.withinMs), ...expected.tasks.map((t) => t.withinMs));
  const deadline = Date.now() + longest + (options.extraMs ?? 5_000);
  for (;;) {
    const comparison = await compareWithDesk(client, result);
    if (comparison.ok || Date.now() >= deadline) return comparison;
    await sleep(options.pollMs ?? 500, undefined, options.signal ? { signal: options.signal } : {});
  }
}
