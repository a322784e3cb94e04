import { z } from 'zod';
import { regionPlanKeySchema } from '../../schemas/index.js';
import { levelNamesProblem, regionPlan, type RegionPlan } from './core/regions/region-plan.js';

// Configuration is parsed once, here, from the environment. The gateway refuses to start on invalid config.

const port = z.coerce.number().int().min(0).max(65535);

/** "60,180" → [60, 180]: escalation steps in seconds after the alert was raised, ascending. */
const secondsList = z
  .string()
  .regex(/^\s*(\d+(\.\d+)?\s*(,\s*\d+(\.\d+)?\s*)*)?$/, 'comma-separated seconds, e.g. 60,180')
  .transform((v) => v.split(',').map((x) => x.trim()).filter(Boolean).map(Number))
  .refine((list) => list.every((x, i) => i === 0 || x > list[i - 1]!), 'steps must ascend');

export const configSchema = z.object({
  HOST: z.string().default('0.0.0.0'),
  HTTP_PORT: port.default(8080),
  MQTT_PORT: port.default(1883),
  DATA_DIR: z.string().default('./data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  GATEWAY_ADMIN_USER: z.string().min(1).default('admin'),
  /** Only read when no user exists yet. Unset: a random password is generated and printed once. */
  GATEWAY_ADMIN_PASSWORD: z.string().min(8).optional(),
  TOKEN_TTL_HOURS: z.coerce.number().positive().default(12),
  /** Failed logins in a row that lock an account, and for how long. */
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  LOGIN_LOCKOUT_MINUTES: z.coerce.number().positive().default(15),
  /** A cancel from the same button within this time after the press marks the alert cancelled by the elder. */
  CANCEL_WINDOW_SECONDS: z.coerce.number().int().positive().default(120),
  /** A connected device that sends no status message (heartbeat, test) for this long is offline. */
  HEARTBEAT_TIMEOUT_SECONDS: z.coerce.number().positive().default(600),
  /** After a dropped connection, how long a device may take to come back before it counts as offline. */
  OFFLINE_GRACE_SECONDS: z.coerce.number().positive().default(90),
  /** An away state set without an end ends by itself after this many days, unless the desk sets it again. */
  AWAY_MAX_DAYS: z.coerce.number().positive().max(365).default(14),
  /** Expected interval of periodic test signals, grace included (telecare devices send one a day). */
  TEST_SIGNAL_INTERVAL_HOURS: z.coerce.number().positive().default(25),
  /** Local time zone of the elders as minutes east of UTC (China: 480, no daylight saving). */
  UTC_OFFSET_MINUTES: z.coerce.number().int().min(-720).max(840).default(480),
  /** How often stored deadlines (offline, inactivity, bed return, ...) are checked. */
  DEADLINE_TICK_MS: z.coerce.number().int().min(10).max(60_000).default(1000),
  /**
   * How often each home's daily activity counts (held in memory) are added to the store, and the local day is
   * checked for the daily activity review; a crash loses at most this much of the counts.
   */
  ACTIVITY_FLUSH_SECONDS: z.coerce.number().positive().max(3600).default(300),
  /** Escalation of unacknowledged alerts per priority: level 1 re-alerts the desk, level 2 calls the supervisors. */
  ESCALATION_P1_SECONDS: secondsList.prefault('60,180'),
  ESCALATION_P2_SECONDS: secondsList.prefault('300,900'),
  ESCALATION_P3_SECONDS: secondsList.prefault('3600'),
  /** A dispatched responder who does not accept within this time is passed over for the next one. */
  DISPATCH_ACCEPT_SECONDS: z.coerce.number().positive().default(120),
  /** An accepted responder not on site within this time is flagged, per priority. */
  ARRIVAL_P1_MINUTES: z.coerce.number().positive().default(30),
  ARRIVAL_P2_MINUTES: z.coerce.number().positive().default(60),
  ARRIVAL_P3_MINUTES: z.coerce.number().positive().default(1440),
  /** The follow-up visit (回访) after a real alarm is due this long after it was resolved. */
  FOLLOW_UP_HOURS: z.coerce.number().positive().default(24),
  /** Life-safety alarms open and no operator on the desk for this long: the notifier raises the alarm. */
  DESK_UNWATCHED_SECONDS: z.coerce.number().positive().default(120),
  /** How often the gateway sends the desks its heartbeat and checks that somebody is watching. */
  DESK_HEARTBEAT_SECONDS: z.coerce.number().positive().default(5),
  /** Where notifications are POSTed as JSON; unset: they are only logged (the demo). */
  NOTIFY_WEBHOOK_URL: z.url().optional(),
  /** A websocket client with more than this many bytes unsent is dropped, so it cannot slow the others. */
  WS_MAX_BUFFERED_BYTES: z.coerce.number().int().positive().default(4 * 1024 * 1024),
  /** The recent window of telemetry the desk's charts read: how far back, and how long at full resolution. */
  TELEMETRY_WINDOW_HOURS: z.coerce.number().positive().max(48).default(6),
  TELEMETRY_RAW_MINUTES: z.coerce.number().positive().default(60),
  /** Readings older than the raw period are kept as averages (with min and max) over buckets of this length. */
  TELEMETRY_BUCKET_SECONDS: z.coerce.number().int().positive().default(300),
  /** At most this many points per device and metric in the recent window: past it the oldest readings are averaged
   * into buckets early, and only then the oldest buckets go. Bounds memory when devices report every few seconds. */
  TELEMETRY_WINDOW_MAX_POINTS: z.coerce.number().int().min(10).default(500),
  /** InfluxDB 2 for telemetry history; unset: telemetry is kept only in the recent window. */
  INFLUX_URL: z.url().optional(),
  INFLUX_TOKEN: z.string().default(''),
  INFLUX_ORG: z.string().min(1).default('eldercare'),
  INFLUX_BUCKET: z.string().min(1).default('telemetry'),
  /** A batch is sent when it holds this many points or this long after its first point. */
  INFLUX_BATCH_SIZE: z.coerce.number().int().min(1).max(50_000).default(5000),
  INFLUX_FLUSH_MS: z.coerce.number().int().min(10).default(1000),
  INFLUX_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  /** While InfluxDB is unreachable, telemetry waits on disk up to this size; beyond it the oldest is shed. */
  INFLUX_SPOOL_MAX_MB: z.coerce.number().positive().default(256),
  INFLUX_RETRY_MAX_DELAY_MS: z.coerce.number().int().min(100).default(30_000),
  /** PostgreSQL (`postgres://user:pass@host/db`) instead of the embedded SQLite file: for several instances. */
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'a postgres:// URL').optional(),
  /** Connections each instance keeps to PostgreSQL. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(200).default(10),
  /**
   * An external MQTT broker (`mqtt://host:1883`): the gateway consumes device topics as a client through shared
   * subscriptions instead of running aedes; the broker authenticates devices (docs/external-broker.md).
   */
  MQTT_URL: z.string().regex(/^mqtts?:\/\//, 'an mqtt:// or mqtts:// URL').optional(),
  MQTT_USERNAME: z.string().min(1).default('gateway'),
  MQTT_PASSWORD: z.string().optional(),
  /** Connections each instance consumes through; each handles one acknowledged message at a time. */
  MQTT_CONSUMERS: z.coerce.number().int().min(1).max(64).default(4),
  /** Gateway instances that share one broker consume in this shared-subscription group. */
  MQTT_SHARE_GROUP: z.string().regex(/^[A-Za-z0-9_-]+$/).default('gateway'),
  /**
   * This instance's name: its MQTT client id (a persistent session, so messages queued for it wait across a
   * restart) and its mark on cluster messages. Unset: the host name.
   */
  GATEWAY_INSTANCE_ID: z.string().regex(/^[A-Za-z0-9_.-]{1,48}$/).optional(),
  /**
   * A device may send this many messages a minute on average, with bursts up to DEVICE_BURST_MESSAGES. Past it its
   * routine messages are refused and counted; a device that keeps flooding is disconnected.
   */
  DEVICE_MAX_MESSAGES_PER_MINUTE: z.coerce.number().int().positive().default(120),
  DEVICE_BURST_MESSAGES: z.coerce.number().int().positive().default(60),
  /** Browser origins allowed to call the API from another site (comma-separated); unset: same origin only. */
  CORS_ORIGINS: z.string().optional(),
  /** Refused logins per client address and minute, and writes (POST/PUT/PATCH/DELETE) per client address and minute. */
  RATE_LIMIT_LOGIN_PER_MINUTE: z.coerce.number().int().positive().default(10),
  RATE_LIMIT_WRITE_PER_MINUTE: z.coerce.number().int().positive().default(600),
  /**
   * TLS: with a certificate and key (PEM files), the HTTP port serves HTTPS and MQTT is also offered over TLS on
   * MQTT_TLS_PORT. TLS_CA_FILE: the CA that signs device certificates, for client-certificate authentication.
   */
  TLS_CERT_FILE: z.string().optional(),
  TLS_KEY_FILE: z.string().optional(),
  TLS_CA_FILE: z.string().optional(),
  MQTT_TLS_PORT: port.default(8883),
  /** How devices prove who they are on the TLS listener: their secret, a client certificate (CN = device id), or either. */
  MQTT_DEVICE_AUTH: z.enum(['secret', 'certificate', 'either']).default('secret'),
  /** Largest device payload the broker accepts, in bytes. */
  MQTT_MAX_PAYLOAD_BYTES: z.coerce.number().int().positive().default(16 * 1024),
  /**
   * Before a device has logged in (docs/reliability.md, "Holding connections open"): its CONNECT must come within
   * MQTT_CONNECT_TIMEOUT_SECONDS and be at most MQTT_MAX_CONNECT_BYTES (with its last will); at most
   * MQTT_MAX_PENDING_PER_ADDRESS such connections per client address and MQTT_MAX_PENDING_CONNECTIONS in all, past
   * which the oldest is closed.
   */
  MQTT_CONNECT_TIMEOUT_SECONDS: z.coerce.number().positive().max(300).default(10),
  MQTT_MAX_CONNECT_BYTES: z.coerce.number().int().min(256).default(4096),
  MQTT_MAX_PENDING_PER_ADDRESS: z.coerce.number().int().positive().default(256),
  MQTT_MAX_PENDING_CONNECTIONS: z.coerce.number().int().positive().default(2000),
  /** QoS 2 messages (and their bytes) a device may leave awaiting its PUBREL; past either its connection is closed. */
  MQTT_MAX_QOS2_OUTSTANDING: z.coerce.number().int().positive().max(65535).default(32),
  MQTT_MAX_QOS2_OUTSTANDING_BYTES: z.coerce.number().int().positive().default(128 * 1024),
  /**
   * HTTP connections: the request's headers must be in within HTTP_HEADERS_TIMEOUT_SECONDS and the whole request
   * within HTTP_REQUEST_TIMEOUT_SECONDS; a connection with no traffic for HTTP_IDLE_TIMEOUT_SECONDS is closed
   * (the live websocket has its own heartbeat); at most HTTP_MAX_CONNECTIONS_PER_ADDRESS at once per client address.
   */
  HTTP_HEADERS_TIMEOUT_SECONDS: z.coerce.number().positive().max(600).default(10),
  HTTP_REQUEST_TIMEOUT_SECONDS: z.coerce.number().positive().max(3600).default(30),
  HTTP_IDLE_TIMEOUT_SECONDS: z.coerce.number().positive().max(3600).default(30),
  HTTP_MAX_CONNECTIONS_PER_ADDRESS: z.coerce.number().int().positive().default(256),
  /**
   * Open files kept for devices: with fewer free (below the soft RLIMIT_NOFILE), new HTTP connections are refused;
   * with fewer than twice as many, /readyz answers 503. Capped at a quarter of the limit.
   */
  FD_RESERVE: z.coerce.number().int().min(0).default(1024),
  /** A complaint (投诉) must be answered and closed within this many days of being recorded, or it is flagged overdue. */
  COMPLAINT_HANDLING_DAYS: z.coerce.number().positive().max(365).default(5),
  /** How often unclosed complaints are checked against their deadline (the overdue sweep). */
  COMPLAINT_SWEEP_SECONDS: z.coerce.number().positive().max(3600).default(60),
  /** Calls a softphone or PBX may announce through the telephony hook per integration token and minute. */
  TELEPHONY_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(120),
  /**
   * The county's telephone area code (e.g. 0571): a bare 7–8 digit local number an operator types or a PBX gives is
   * completed with it. Unset: a local number without its area code is refused.
   */
  PHONE_AREA_CODE: z.string().regex(/^0?(10|2\d|[3-9]\d{2})$/, 'an area code, e.g. 0571 or 010').optional(),
  /**
   * How deep the deployment's regions go (docs/care-workflow.md, "Regions"): `county` (县 → 镇(街道) → 村(社区)) or
   * `city` (市 → 区 → 街道 → 社区). REGION_LEVEL_NAMES: the levels' Chinese names instead of the plan's,
   * comma-separated, exactly one per level (e.g. 市,区,街道,居委会).
   */
  REGION_PLAN: regionPlanKeySchema.default('county'),
  REGION_LEVEL_NAMES: z
    .string()
    .transform((v) => v.split(/[,，]/).map((x) => x.trim()))
    .optional(),
}).superRefine((config, ctx) => {
  const problem = config.REGION_LEVEL_NAMES ? levelNamesProblem(config.REGION_PLAN, config.REGION_LEVEL_NAMES) : null;
  if (problem) ctx.addIssue({ code: 'custom', path: ['REGION_LEVEL_NAMES'], message: problem });
});

export type GatewayConfig = z.infer<typeof configSchema>;

/** The deployment's region plan, its Chinese level names overridden by REGION_LEVEL_NAMES when given. */
export const regionPlanOf = (config: Pick<GatewayConfig, 'REGION_PLAN' | 'REGION_LEVEL_NAMES'>): RegionPlan => regionPlan(config.REGION_PLAN, config.REGION_LEVEL_NAMES);

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
}

export function loadConfig(env: Record<string, string | undefined> = process.env): GatewayConfig {
  const keys = Object.keys(configSchema.shape);
  const relevant = Object.fromEntries(keys.map((k) => [k, env[k] === '' ? undefined : env[k]]));
  const parsed = configSchema.safeParse(relevant);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`invalid configuration: ${detail}`);
  }
  return parsed.data;
}
