import { fork } from 'node:child_process';
import { trackChild } from '../child-cleanup.js';
import { ROOT } from '../gateway-process.js';

// The one subscriber of a forwarding baseline, subscribed to every device topic at QoS 1 in its own process
// (subscriber-process.ts). Its rate is the broker's forwarding rate, the reference the gateway's ingest is compared
// with. The count is the child's latest report, at most 100 ms old: over a 20 s window that is noise.

export interface SubscriberCounter {
  received(): number;
  close(): Promise<void>;
}

type SubscriberMessage = { type: 'ready' } | { type: 'count'; count: number } | { type: 'failed'; message: string };

export async function startSubscriberCounter(mqttUrl: string): Promise<SubscriberCounter> {
  const child = fork('bench/baselines/subscriber-process.ts', [mqttUrl], {
    cwd: ROOT,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  trackChild(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let count = 0;
  await new Promise<void>((resolve, reject) => {
    child.on('message', (message: SubscriberMessage) => {
      if (message.type === 'ready') resolve();
      else if (message.type === 'count') count = message.count;
      else reject(new Error(`subscriber: ${message.message}`));
    });
    child.once('exit', (code) => reject(new Error(`subscriber exited with ${code} before subscribing`)));
  });
  return {
    received: () => count,
    async close() {
      if (child.connected) child.disconnect();
      const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(killer);
    },
  };
}
