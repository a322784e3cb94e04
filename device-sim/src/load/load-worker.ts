import { emptyWorkerStats, LoadConnections } from './load-connections.js';
import { trafficDevice } from './load-payloads.js';
import { preciseNow, type ConnectCommand, type ParentMessage, type WorkerMessage } from './load-protocol.js';
import { startSteadyTraffic, type SteadyTraffic } from './load-traffic.js';

// A load worker: a child process of the load runner (load-runner.ts forks it with `node --import tsx`), holding its
// share of the fleet's connections. It does what the parent says over IPC (load-protocol.ts) and reports its
// counters every second. Several processes, because one Node event loop saturates a core long before the gateway
// does, and a load generator that is itself the bottleneck measures nothing.

const STATS_EVERY_MS = 1_000;
const RAMP_TICK_MS = 5;

if (!process.send) {
  console.error('load-worker.ts is started by the load runner (npm run load), not on its own');
  process.exit(2);
}

let connections: LoadConnections | null = null;
let workerIndex = 0;
let traffic: SteadyTraffic | null = null;
let rampTimer: NodeJS.Timeout | undefined;
let stopping = false;

function send(message: WorkerMessage, then?: () => void): void {
  // The channel is gone when the parent died; 'disconnect' below ends this process then.
  if (!process.connected) return;
  process.send!(message, undefined, {}, () => then?.());
}

function snapshot() {
  const stats = connections!.stats;
  stats.rssBytes = process.memoryUsage.rss();
  return { ...stats, errorSamples: [...stats.errorSamples] };
}

function startConnecting(command: ConnectCommand): void {
  const { devices, workers, fleetSize, rampStartAt, rampMs } = command;
  workerIndex = command.workerIndex;
  const live = new LoadConnections(devices.map(trafficDevice), command.mqttUrl);
  connections = live;
  live.onSettled = () => send({ type: 'settled', stats: snapshot(), failedDeviceIds: live.failedDeviceIds() });
  if (devices.length === 0) {
    live.onSettled();
    return;
  }
  // This worker holds the fleet's devices workerIndex, workerIndex + workers, ...: device j goes at its place on the
  // fleet's ramp, so all workers together connect evenly over rampMs.
  const connectAt = (j: number): number => rampStartAt + ((j * workers + workerIndex) / fleetSize) * rampMs;
  let next = 0;
  const tick = (): void => {
    const now = preciseNow();
    while (next < live.devices.length && connectAt(next) <= now && !stopping) {
      live.connect(live.devices[next]!);
      next += 1;
    }
    if (next < live.devices.length && !stopping) rampTimer = setTimeout(tick, RAMP_TICK_MS);
  };
  rampTimer = setTimeout(tick, Math.max(0, rampStartAt - preciseNow()));
  setInterval(() => send({ type: 'stats', stats: snapshot() }), STATS_EVERY_MS).unref();
}

async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  clearTimeout(rampTimer);
  traffic?.stop();
  if (!connections) {
    send({ type: 'final', stats: emptyWorkerStats() }, () => process.exit(0));
    return;
  }
  await connections.closeAll();
  send({ type: 'final', stats: snapshot() }, () => process.exit(0));
}

process.on('message', (message: ParentMessage) => {
  switch (message.type) {
    case 'connect':
      startConnecting(message);
      return;
    case 'steady': {
      const live = connections;
      if (!live || stopping) return;
      traffic = startSteadyTraffic(live, message, workerIndex, (report) => send(report));
      void traffic.ended.then(() => {
        const drained = (): void => send({ type: 'drained', stats: snapshot() });
        if (live.stats.outstanding <= 0) drained();
        else live.onIdle = () => {
          live.onIdle = null;
          drained();
        };
      });
      return;
    }
    case 'stop':
      void stop();
      return;
  }
});

// The parent is gone (killed, crashed): nobody will stop us, so stop now rather than hold thousands of sockets.
process.on('disconnect', () => {
  void stop().finally(() => process.exit(1));
  setTimeout(() => process.exit(1), 3_000).unref();
});
// Ctrl-C reaches the whole process group; the parent decides how the run ends and tells this worker.
process.on('SIGINT', () => undefined);
process.on('uncaughtException', (err) => {
  send({ type: 'failed', message: err.stack ?? err.message }, () => process.exit(1));
  setTimeout(() => process.exit(1), 1_000).unref();
});

send({ type: 'ready' });
