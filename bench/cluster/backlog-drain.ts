import { sleep } from '../net.js';
import type { DrainFigures } from './cluster.types.js';
import { readInstanceCounts, type CountedInstance } from './instance-counts.js';

// Between phases: Mosquitto acknowledged every message at once, the gateways take them at their own pace. The next
// phase starts when the gateways have received as many messages as the devices had acknowledged (the phase before
// must not be measured as the next one's latency), or when the wait gives up: at the deadline, or when nothing
// arrives for a while (Mosquitto dropped messages, or a consumer is stuck).

const POLL_MS = 500;
const PRINT_EVERY_MS = 5000;
const STALLED_MS = 15_000;

export interface DrainOptions {
  instances: CountedInstance[];
  /** The instances' received total that means everything arrived: total at the phase's start + the phase's PUBACKs. */
  target: number;
  deadlineSeconds: number;
  label: string;
  print: (line: string) => void;
}

export async function waitForDrain({ instances, target, deadlineSeconds, label, print }: DrainOptions): Promise<DrainFigures> {
  const started = performance.now();
  const startCount = (await readInstanceCounts(instances)).received;
  let count = startCount;
  let lastProgressAt = started;
  let lastPrintAt = started;
  for (;;) {
    const now = performance.now();
    const seconds = (now - started) / 1000;
    const perSecond = seconds > 1 && count > startCount ? (count - startCount) / seconds : null;
    if (count >= target) return { seconds, drained: true, stalled: false, remaining: 0, purged: 0, perSecond };
    if (seconds >= deadlineSeconds || now - lastProgressAt >= STALLED_MS) {
      const stalled = now - lastProgressAt >= STALLED_MS;
      const why = stalled ? `nothing arrived for ${STALLED_MS / 1000} s` : `not drained within ${deadlineSeconds} s`;
      print(`${label} · ${why}: ${(target - count).toLocaleString('en-US')} messages not received`);
      return { seconds, drained: false, stalled, remaining: target - count, purged: 0, perSecond };
    }
    if (now - lastPrintAt >= PRINT_EVERY_MS) {
      lastPrintAt = now;
      print(`${label} · draining: ${(target - count).toLocaleString('en-US')} left · ${perSecond === null ? '-' : Math.round(perSecond).toLocaleString('en-US')}/s`);
    }
    await sleep(POLL_MS);
    const next = (await readInstanceCounts(instances)).received;
    if (next > count) lastProgressAt = performance.now();
    count = next;
  }
}
