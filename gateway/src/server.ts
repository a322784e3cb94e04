import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import { brokerLimitsOf, startBroker } from './adapters/mqtt/broker.js';
import { startExternalBroker } from './adapters/mqtt/external-broker.js';
import { loadTransportSecurity } from './adapters/mqtt/tls/tls-files.js';
import { openStore } from './adapters/db/open-store.js';
import { openPgClusterLink } from './adapters/cluster/pg-cluster-link.js';
import { buildHttpApp } from './adapters/http/http-app.js';
import { watchOpenFiles } from './adapters/system/open-files.js';
import { securityOptionsOf } from './adapters/http/security-plugins.js';
import { openTelemetrySinks } from './adapters/telemetry/telemetry-sinks.js';
import { createLiveHub } from './adapters/ws/live-hub.js';
import { soloCluster, type ClusterLink } from './app/ports/cluster.port.js';
import { startClusterSync } from './app/cluster/cluster-sync.js';
import { LiveEventBus } from './app/live-event-bus.js';
import { StoreHealth, watchStore } from './app/decisions/store-health.js';
import { startDeadlineScheduler } from './app/decisions/deadline-scheduler.js';
import { startDeskWatch } from './app/alerts/desk-watch.js';
import { createMetrics } from './adapters/metrics/prom-metrics.js';
import { startVisitSchedule } from './app/tasks/visit-schedule.js';
import { startActivitySchedule } from './app/activity/activity-review.js';
import { startComplaintOverdueSweep } from './app/complaints/complaint-overdue-sweep.js';
import { composeServices } from './compose-services.js';
import { applyRegionPlan } from './app/people/region-plan-check.js';
import { regionPlanOf, type GatewayConfig } from './config.js';
import { createRootLogger } from './logger.js';

// Composes the gateway from its parts and starts it. main.ts and the tests both call this.

export interface RunningGateway {
  httpUrl: string;
  mqttUrl: string;
  httpPort: number;
  mqttPort: number;
  /** The MQTT TLS listener (mqtts://), when TLS_CERT_FILE and TLS_KEY_FILE are set and aedes runs in process. */
  mqttTlsUrl?: string;
  mqttTlsPort?: number;
  /** Set when the first admin was created with a generated password, so the caller can show it once. */
  generatedAdminPassword?: string;
  close(): Promise<void>;
}

const PROCESSED_MESSAGE_RETENTION_MS = 7 * 24 * 3600 * 1000;
/** Delivered and given-up notifications stay this long, for questions like "was the family told?". */
const SETTLED_NOTIFICATION_RETENTION_MS = 7 * 24 * 3600 * 1000;
const PRUNE_EVERY_MS = 3600 * 1000;
const VISIT_SCHEDULE_EVERY_MS = 10 * 60 * 1000;
/** The recent window tidies a series when it is written or read; this sweep frees devices that went quiet. */
const TELEMETRY_SWEEP_EVERY_MS = 10 * 60 * 1000;

/** How long an external broker keeps a consumer's session, and the messages queued for it, while it is away. */
const CONSUMER_SESSION_EXPIRY_SECONDS = 7 * 24 * 3600;

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
  // Read first: TLS settings that cannot work stop the start before anything is opened.
  const tls = loadTransportSecurity(config);
  const metrics = createMetrics();
  const live = new LiveEventBus();
  const storeHealth = new StoreHealth({ live, clock, logger: logger.child({ module: 'store-health' }) });
  const store = watchStore(await openStore(config), storeHealth);
  // Regions that do not fit the deployment's plan stop the start before anything else is opened (region-plan-check.ts).
  await applyRegionPlan(store, regionPlanOf(config)).catch(async (error: unknown) => {
    await store.close();
    throw error;
  });
  const instanceId = config.GATEWAY_INSTANCE_ID ?? hostname().replace(/[^A-Za-z0-9_.-]/g, '-').slice(0, 48);
  // Several instances share one PostgreSQL; with the embedded SQLite file there is only ever this one.
  const cluster: ClusterLink = config.DATABASE_URL
    ? await openPgClusterLink(config.DATABASE_URL, { instanceId, lockConnections: config.DATABASE_POOL_SIZE, logger })
    : soloCluster(instanceId);
  const telemetry = openTelemetrySinks(config, { clock, metrics, logger });
  const services = await composeServices({ config, store, metrics, clock, newId, logger, telemetry, cluster, live });
  const { auth, rules, registry, outbox } = services;
  // Before anything can commit a notification: what earlier lives left goes out first.
  await outbox.start();
  const firstAdmin = await auth.ensureFirstAdmin(config.GATEWAY_ADMIN_USER, config.GATEWAY_ADMIN_PASSWORD);

  const hub = createLiveHub({
    ...services,
    metrics,
    maxBufferedBytes: config.WS_MAX_BUFFERED_BYTES,
    statusEvents: () => [storeHealth.statusEvent()].filter((e) => e !== null),
    clock,
    logger,
  });
  live.subscribe((event) => hub.publish(event));
  const clusterSync = startClusterSync({ ...services, store, clock, refreshDesks: () => hub.refreshAll(), logger });

  let brokerReady = false;
  /** With an external broker, ready also means connected to it. */
  let brokerConnected = (): boolean => true;

  /** The devices' broker is Mosquitto or EMQX: consume from it instead of running aedes. */
  async function startExternalBrokerClient() {
    const external = await startExternalBroker(
      {
        ingest: services.ingest,
        metrics,
        cluster,
        onMemberLost: (lost) => {
          hub.refreshAll();
          cluster.publish({ kind: 'member-lost', instanceId: lost });
        },
        logger,
      },
      {
        url: config.MQTT_URL ?? '',
        username: config.MQTT_USERNAME,
        password: config.MQTT_PASSWORD,
        instanceId,
        shareGroup: config.MQTT_SHARE_GROUP,
        consumers: config.MQTT_CONSUMERS,
        sessionExpirySeconds: CONSUMER_SESSION_EXPIRY_SECONDS,
      },
    );
    brokerConnected = () => external.isConnected();
    return external;
  }
  const http = await buildHttpApp({
    ...services,
    store,
    registry: metrics.registry,
    isReady: () => brokerReady && brokerConnected(),
    ...(tls ? { https: { cert: tls.cert, key: tls.key } } : {}),
    storeWritesFailing: () => storeHealth.failing,
    security: securityOptionsOf(config),
    connections: {
      headersTimeoutMs: config.HTTP_HEADERS_TIMEOUT_SECONDS * 1000,
      requestTimeoutMs: config.HTTP_REQUEST_TIMEOUT_SECONDS * 1000,
      idleTimeoutMs: config.HTTP_IDLE_TIMEOUT_SECONDS * 1000,
      perAddress: config.HTTP_MAX_CONNECTIONS_PER_ADDRESS,
      openFiles: watchOpenFiles(config.FD_RESERVE),
      onRefused: (reason) => metrics.httpConnectionsRefused.inc({ reason }),
      onOpenChanged: (open) => metrics.httpConnections.set(open),
    },
    telemetryHealth: () => services.telemetry.health(),
    logger,
  });
  hub.attach(http.server);
  await http.listen({ host: config.HOST, port: config.HTTP_PORT });
  const broker = config.MQTT_URL
    ? await startExternalBrokerClient()
    : await startBroker({ ...services, commands: services.deviceCommands.brokerEvents, metrics, maxPayloadBytes: config.MQTT_MAX_PAYLOAD_BYTES, limits: brokerLimitsOf(config), logger }, config.HOST, config.MQTT_PORT, tls ? { port: config.MQTT_TLS_PORT, security: tls } : undefined);
  brokerReady = true;
  const detachFeedback = services.deviceFeedback.attach(broker);
  // Commands to devices: published through the same broker; their stored deadlines are watched from now on.
  const detachCommands = services.deviceCommands.sender.attach(broker);
  const stopCommandExpiry = services.deviceCommands.startExpiry();
  const detachRejections = services.deviceRejections.attach(broker);
  const isLeader = async (): Promise<boolean> => {
    const leading = await cluster.isLeader();
    metrics.clusterLeader.set(leading ? 1 : 0);
    return leading;
  };
  const scheduler = startDeadlineScheduler(
    { store, rules, metrics, clock, isLeader, logger },
    { tickMs: config.DEADLINE_TICK_MS, presenceHoldAfterStartMs: services.settings.offlineGraceMs },
  );
  const visits = startVisitSchedule({ careVisits: services.careVisits, everyMs: VISIT_SCHEDULE_EVERY_MS, logger });
  const activity = startActivitySchedule({
    store,
    directory: services.directory,
    rules,
    flushTally: () => services.activityTally.flush(),
    clock,
    utcOffsetMinutes: config.UTC_OFFSET_MINUTES,
    everyMs: config.ACTIVITY_FLUSH_SECONDS * 1000,
    logger,
  });
  // Each complaint flags itself once in the store, so every instance may sweep: no leader needed.
  const complaintSweep = startComplaintOverdueSweep({ store, live, metrics, clock, everyMs: config.COMPLAINT_SWEEP_SECONDS * 1000, logger });
  const deskWatch = startDeskWatch({
    store,
    deskPaths: () => [...hub.deskPaths(), ...clusterSync.remoteDeskPaths()],
    regionPathOf: (regionId) => services.regions.pathOf(regionId),
    beat: (beat) => hub.heartbeat(beat),
    isLeader,
    outbox,
    clock,
    unwatchedMs: config.DESK_UNWATCHED_SECONDS * 1000,
    heartbeatMs: config.DESK_HEARTBEAT_SECONDS * 1000,
    logger,
  });

  const tellDesks = setInterval(() => clusterSync.tellDeskPaths(hub.deskPaths()), config.DESK_HEARTBEAT_SECONDS * 1000);
  tellDesks.unref();
  const prune = setInterval(() => {
    store.pruneProcessedMessages(clock() - PROCESSED_MESSAGE_RETENTION_MS).catch((err: unknown) => logger.error({ err }, 'prune failed'));
    store.pruneSettledNotifications(clock() - SETTLED_NOTIFICATION_RETENTION_MS).catch((err: unknown) => logger.error({ err }, 'prune failed'));
  }, PRUNE_EVERY_MS);
  prune.unref();
  const sweep = setInterval(() => telemetry.recent.sweep(), TELEMETRY_SWEEP_EVERY_MS);
  sweep.unref();

  const httpPort = (http.server.address() as { port: number }).port;
  const publicHost = config.HOST === '0.0.0.0' || config.HOST === '::' ? '127.0.0.1' : config.HOST;
  logger.info({ httpPort, mqttPort: broker.port, devices: registry.size, instanceId, shared: cluster.shared }, 'gateway started');

  return {
    httpUrl: `${tls ? 'https' : 'http'}://${publicHost}:${httpPort}`,
    mqttUrl: config.MQTT_URL ?? `mqtt://${publicHost}:${broker.port}`,
    httpPort,
    mqttPort: broker.port,
    ...('tlsPort' in broker && broker.tlsPort !== undefined ? { mqttTlsUrl: `mqtts://${publicHost}:${broker.tlsPort}`, mqttTlsPort: broker.tlsPort } : {}),
    ...(firstAdmin.password ? { generatedAdminPassword: firstAdmin.password } : {}),
    async close() {
      clearInterval(prune);
      clearInterval(tellDesks);
      clearInterval(sweep);
      brokerReady = false;
      detachFeedback();
      detachCommands();
      await stopCommandExpiry();
      detachRejections();
      // Stop taking device messages first, then deadlines, then the desk, then the store they all write to.
      await broker.close();
      // Readings already taken go to InfluxDB, or to the spool that the next start replays.
      await services.telemetry.close();
      deskWatch.stop();
      await visits.stop();
      await activity.stop();
      await complaintSweep.stop();
      await scheduler.stop();
      // Devices and deadlines decide nothing more: the sends under way settle; what is still pending (or an
      // operator's last request commits now) goes at the next start.
      await outbox.stop();
      await hub.close();
      await http.close();
      await cluster.close();
      await store.close();
      logger.info('gateway stopped');
    },
  };
}
