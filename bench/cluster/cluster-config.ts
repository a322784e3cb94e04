import { z } from 'zod';
import { deviceLadder, loadBenchConfig, parseSettings, type BenchConfig } from '../bench-config.js';
import { TARGET_LATENCY_SHARE } from '../targets.js';

// `npm run bench:cluster`'s settings: the single-box benchmark's (bench/bench-config.ts: workers, steady seconds,
// SOS presses, ...), which both topologies share, and a few of the scale-out run's own. Parsed once from the
// environment; the results file records what was used.

const clusterConfigSchema = z.object({
  /** Devices per step; each step runs the single box, then the scale-out topology, with this many. */
  BENCH_CLUSTER_LADDER: deviceLadder('1000,3000').prefault('1000,3000'),
  /** MQTT_CONSUMERS of each gateway instance: consumer connections, each with one message in hand at a time. */
  BENCH_CLUSTER_CONSUMERS: z.coerce.number().int().min(1).max(64).default(4),
  /**
   * After a phase, at most this long for the gateways to take what Mosquitto still holds for them; what is left then
   * is thrown away (Mosquitto restarted empty), so that the next phase starts from an empty broker.
   */
  BENCH_CLUSTER_DRAIN_SECONDS: z.coerce.number().int().positive().default(45),
});

export interface ClusterBenchConfig {
  /** The shared settings; its BENCH_LADDER is the cluster ladder, its baselines none, its latency share the target's. */
  bench: BenchConfig;
  ladder: number[];
  consumers: number;
  drainSeconds: number;
}

export function loadClusterConfig(env: Record<string, string | undefined> = process.env): ClusterBenchConfig {
  const { BENCH_CLUSTER_LADDER, BENCH_CLUSTER_CONSUMERS, BENCH_CLUSTER_DRAIN_SECONDS } = parseSettings(clusterConfigSchema, env);
  // Both topologies measure latency at the target share only: the comparison is at the operating point, and a
  // phase per share would double a run that already takes ten minutes.
  const bench = loadBenchConfig({
    ...env,
    BENCH_LADDER: BENCH_CLUSTER_LADDER.join(','),
    BENCH_BASELINES: 'none',
    BENCH_LATENCY_SHARES: String(TARGET_LATENCY_SHARE),
  });
  return { bench, ladder: BENCH_CLUSTER_LADDER, consumers: BENCH_CLUSTER_CONSUMERS, drainSeconds: BENCH_CLUSTER_DRAIN_SECONDS };
}

/** The settings as the results file records them. */
export function describeClusterConfig(config: ClusterBenchConfig): Record<string, unknown> {
  const { bench } = config;
  return {
    BENCH_CLUSTER_LADDER: config.ladder,
    BENCH_CLUSTER_CONSUMERS: config.consumers,
    BENCH_CLUSTER_DRAIN_SECONDS: config.drainSeconds,
    BENCH_WORKERS: bench.BENCH_WORKERS,
    BENCH_STEADY_SECONDS: bench.BENCH_STEADY_SECONDS,
    BENCH_CONNECT_HOLD_SECONDS: bench.BENCH_CONNECT_HOLD_SECONDS,
    BENCH_CONNECT_PER_SECOND: bench.BENCH_CONNECT_PER_SECOND,
    BENCH_MAX_INFLIGHT: bench.BENCH_MAX_INFLIGHT,
    BENCH_SOS: bench.BENCH_SOS,
    BENCH_LATENCY_SHARES: bench.BENCH_LATENCY_SHARES,
    BENCH_CACHE_DIR: bench.BENCH_CACHE_DIR ?? null,
    BENCH_RESULTS_DIR: bench.BENCH_RESULTS_DIR,
  };
}
