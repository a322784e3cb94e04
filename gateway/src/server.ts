import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { startBroker } from './adapters/mqtt/broker.js';
import { createSqliteStore } from './adapters/db/sqlite-store.js';
import { buildHttpApp } from './adapters/http/http-app.js';
import { createLiveHub } from './adapters/ws/live-hub.js';
import { createAlertActions } from './app/alert-actions.js';
import { createAuthService } from './app/auth.service.js';
import { CareDirectory } from './app/care-directory.js';
import { createConnectionTracker } from './app/connection-tracker.js';
import { startDeadlineScheduler } from './app/deadline-scheduler.js';
import { DeviceRegistry } from './app/device-registry.js';
import { createIngest } from './app/ingest-device-message.js';
import { KeyedSerialQueue } from './app/keyed-serial-queue.js';
import { LiveEventBus } from './app/live-events.port.js';
import { createMetrics } from './app/metrics.js';
import { createRegistrationService } from './app/registration.service.js';
import { createRuleRunner } from './app/rule-runner.js';
import { createTaskActions } from './app/task-actions.js';
import type { RuleSettings } from './core/elder-state.js';
import type { GatewayConfig } from './config.js';
import { createRootLogger } from './logger.js';

// Composes the gateway from its parts and starts it. main.ts and the tests both call this.

export interface RunningGateway {
  httpUrl: string;
  mqttUrl: string;
  httpPort: number;
  mqttPort: number;
  /** Set when the first admin was created with a generated password, so the caller can show it once. */
  generatedAdminPassword?: string;
  close(): Promise<void>;
}

const PROCESSED_MESSAGE_RETENTION_MS = 7 * 24 * 3600 * 1000;
const PRUNE_EVERY_MS = 3600 * 1000;

/** Things tests may replace; production uses the defaults. */
export interface GatewayOverrides {
  clock?: () => number;
}

export async function startGateway(
  config: GatewayConfig,
  logger: Logger = createRootLogger(config.LOG_LEVEL),
  overrides: GatewayOverrides = {},
): Promise<RunningGateway> {
  const clock = overrides.clock ?? Date.now;
  const newId = randomUUID;
  const metrics = createMetrics();
  const store = createSqliteStore(join(config.DATA_DIR, 'gateway.sqlite'));
  const registry = DeviceRegistry.fromRecords(await store.listDevices());
  const directory = CareDirectory.load(await store.listElders(), await store.listRuleStates());

  const auth = createAuthService({ store, clock, newId, tokenTtlMs: config.TOKEN_TTL_HOURS * 3600 * 1000, logger });
  const firstAdmin = await auth.ensureFirstAdmin(config.GATEWAY_ADMIN_USER, config.GATEWAY_ADMIN_PASSWORD);

  // One queue per elder for everything that reads and writes the elder's alerts: device messages, deadlines,
  // operators' actions.
  const queue = new KeyedSerialQueue();
  const live = new LiveEventBus();
  const alerts = createAlertActions({ store, live, metrics, queue, clock, logger });
  const tasks = createTaskActions({ store, live, queue, clock, logger });
  const hub = createLiveHub({ auth, alerts, tasks, metrics, maxBufferedBytes: config.WS_MAX_BUFFERED_BYTES, logger });
  live.subscribe((event) => hub.publish(event));

  const settings: RuleSettings = {
    cancelWindowMs: config.CANCEL_WINDOW_SECONDS * 1000,
    heartbeatTimeoutMs: config.HEARTBEAT_TIMEOUT_SECONDS * 1000,
    offlineGraceMs: config.OFFLINE_GRACE_SECONDS * 1000,
    testSignalIntervalMs: config.TEST_SIGNAL_INTERVAL_HOURS * 3600 * 1000,
    utcOffsetMinutes: config.UTC_OFFSET_MINUTES,
  };
  const rules = createRuleRunner({ store, registry, directory, live, metrics, queue, settings, clock, newId, logger });
  const ingest = createIngest({ store, registry, rules, metrics, logger, clock, maxPayloadBytes: config.MQTT_MAX_PAYLOAD_BYTES });
  const connections = createConnectionTracker({ registry, rules, logger });
  const registration = createRegistrationService({ store, registry, directory, rules, clock, newId });

  let brokerReady = false;
  const http = await buildHttpApp({ auth, alerts, tasks, registration, store, registry: metrics.registry, isReady: () => brokerReady, logger });
  hub.attach(http.server);
  await http.listen({ host: config.HOST, port: config.HTTP_PORT });
  const broker = await startBroker({ registry, ingest, connections, metrics, logger }, config.HOST, config.MQTT_PORT);
  brokerReady = true;
  const scheduler = startDeadlineScheduler(
    { store, rules, metrics, clock, logger },
    { tickMs: config.DEADLINE_TICK_MS, presenceHoldAfterStartMs: settings.offlineGraceMs },
  );

  const prune = setInterval(() => {
    store.pruneProcessedMessages(clock() - PROCESSED_MESSAGE_RETENTION_MS).catch((err: unknown) => logger.error({ err }, 'prune failed'));
  }, PRUNE_EVERY_MS);
  prune.unref();

  const httpPort = (http.server.address() as { port: number }).port;
  const publicHost = config.HOST === '0.0.0.0' || config.HOST === '::' ? '127.0.0.1' : config.HOST;
  logger.info({ httpPort, mqttPort: broker.port, devices: registry.size }, 'gateway started');

  return {
    httpUrl: `http://${publicHost}:${httpPort}`,
    mqttUrl: `mqtt://${publicHost}:${broker.port}`,
    httpPort,
    mqttPort: broker.port,
    ...(firstAdmin.password ? { generatedAdminPassword: firstAdmin.password } : {}),
    async close() {
      clearInterval(prune);
      brokerReady = false;
      // Stop taking device messages first, then deadlines, then the desk, then the store they all write to.
      await broker.close();
      await scheduler.stop();
      await hub.close();
      await http.close();
      await store.close();
      logger.info('gateway stopped');
    },
  };
}
