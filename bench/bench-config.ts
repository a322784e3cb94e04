import { z } from 'zod';

// The benchmark's settings, from the environment, parsed once. Defaults are the recorded configuration: change them
// for a quick trial (BENCH_LADDER=500 BENCH_STEADY_SECONDS=5), and the results file says what was used.

const positiveInt = z.coerce.number().int().positive();

/** A ladder of device counts, `1000,5000`: each step once, smallest first. `example` is for the error message. */
export const deviceLadder = (example: string) =>
  z
    .string()
    .regex(/^\s*\d+\s*(,\s*\d+\s*)*$/, `comma-separated device counts, e.g. ${example}`)
    .transform((v) => v.split(',').map((x) => Number(x.trim())))
    .refine((steps) => steps.every((n) => n > 0), 'every step needs at least one device')
    .transform((steps) => [...new Set(steps)].sort((a, b) => a - b));

const baselines = z
  .string()
  .transform((v) => v.split(',').map((x) => x.trim()).filter((x) => x !== '' && x !== 'none'))
  .pipe(z.array(z.enum(['mosquitto', 'aedes'])));

/** Shares of the saturation rate, `0.25,0.5`: each in (0, 1], each once, lowest first. */
const latencyShares = z
  .string()
  .regex(/^\s*(\d+(\.\d*)?|\.\d+)\s*(,\s*(\d+(\.\d*)?|\.\d+)\s*)*$/, 'comma-separated shares of the saturation rate, e.g. 0.25,0.5')
  .transform((v) => v.split(',').map((x) => Number(x.trim())))
  .refine((shares) => shares.every((s) => s > 0 && s <= 1), 'every share must be above 0 and at most 1 (the saturation rate itself)')
  .transform((shares) => [...new Set(shares)].sort((a, b) => a - b));

const benchConfigSchema = z.object({
  BENCH_LADDER: deviceLadder('1000,5000').prefault('1000,5000,10000,20000'),
  BENCH_WORKERS: positiveInt.default(2),
  /** Measured seconds of each saturation and latency phase, after the ramp. */
  BENCH_STEADY_SECONDS: positiveInt.default(20),
  /** Seconds all devices stay connected at a quiet rate while resident memory is read. */
  BENCH_CONNECT_HOLD_SECONDS: positiveInt.default(5),
  /** Connections opened per second during a ramp (20,000 devices: 20 s). */
  BENCH_CONNECT_PER_SECOND: positiveInt.default(1000),
  /** Outstanding QoS 1 messages per connection at the saturation rate. */
  BENCH_MAX_INFLIGHT: positiveInt.default(10),
  /**
   * The load generator's scheduling priority (0 normal … 19 lowest). The generator shares the box's cores with the
   * broker under test; at a lower priority the gateway, Mosquitto and aedes each get the cores first, as they would
   * with the devices on other machines. 0 reproduces the runs recorded before it existed.
   */
  BENCH_GENERATOR_NICE: z.coerce.number().int().min(0).max(19).default(10),
  /** SOS presses in each latency phase. */
  BENCH_SOS: positiveInt.default(100),
  /**
   * One latency phase per share of the step's measured saturation rate, lowest first: how the alarm's latency grows
   * with the load. The issue's latency targets are judged at TARGET_LATENCY_SHARE (bench/targets.ts).
   */
  BENCH_LATENCY_SHARES: latencyShares.prefault('0.1,0.25,0.5'),
  BENCH_BASELINES: baselines.prefault('mosquitto,aedes'),
  /** 1: the gateway runs with --cpu-prof; profiles go to bench/results/profiles/. */
  BENCH_PROFILE: z.enum(['0', '1']).default('0').transform((v) => v === '1'),
  /** Keep the provisioned fleet and gateway data here and reuse them next time (default: a temp dir, removed). */
  BENCH_CACHE_DIR: z.string().optional(),
  BENCH_RESULTS_DIR: z.string().default('bench/results'),
});

export type BenchConfig = z.infer<typeof benchConfigSchema>;

/** The schema's settings from the environment (an empty value counts as unset); throws with every issue. */
export function parseSettings<S extends z.ZodObject>(schema: S, env: Record<string, string | undefined>): z.output<S> {
  const keys = Object.keys(schema.shape);
  const relevant = Object.fromEntries(keys.map((k) => [k, env[k] === '' ? undefined : env[k]]));
  const parsed = schema.safeParse(relevant);
  if (!parsed.success) {
    throw new Error(`invalid benchmark settings: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

export function loadBenchConfig(env: Record<string, string | undefined> = process.env): BenchConfig {
  return parseSettings(benchConfigSchema, env);
}

/** The step the baselines run at: 10,000 devices, or the largest step below it. */
export function baselineStep(config: BenchConfig): number {
  const atMost = config.BENCH_LADDER.filter((n) => n <= 10_000);
  return atMost.length > 0 ? atMost[atMost.length - 1]! : config.BENCH_LADDER[0]!;
}
