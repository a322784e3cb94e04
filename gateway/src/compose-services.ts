import type { Logger } from 'pino';
import { createLogChannel } from './adapters/notify/log-channel.js';
import { createWebhookChannel } from './adapters/notify/webhook-channel.js';
import { createAlertService } from './app/alerts/alert.service.js';
import { createAuthService } from './app/people/auth.service.js';
import { CareDirectory } from './app/directories/care-directory.js';
import { ElderLookupIndex } from './app/directories/elder-lookup-index.js';
import { createElderLookupService } from './app/calls/elder-lookup.service.js';
import { createChangeAnnouncer } from './app/decisions/change-announcer.js';
import { createDeviceFeedback } from './app/device-feedback/device-feedback.js';
import { createDeviceRejections } from './app/device-rejections/device-rejections.js';
import { createDeviceCommands } from './app/device-commands/device-commands.js';
import type { ClusterLink } from './app/ports/cluster.port.js';
import { createConnectionTracker } from './app/ingest/connection-tracker.js';
import { DeviceRegistry } from './app/directories/device-registry.js';
import { createElderStateBuilder } from './app/decisions/elder-state-builder.js';
import { createIngest } from './app/ingest/ingest-device-message.js';
import { KeyedSerialQueue } from './app/decisions/keyed-serial-queue.js';
import type { LiveEventFeed } from './app/ports/live-events.port.js';
import type { Metrics } from './app/ports/metrics.port.js';
import { createNotificationComposer } from './app/notifications/notification-composer.js';
import { createNotificationOutbox } from './app/notifications/notification-outbox.js';
import { RegionDirectory } from './app/directories/region-directory.js';
import { createRegionService } from './app/people/region.service.js';
import { createRegistrationService } from './app/registry/registration.service.js';
import { createElderImportService } from './app/registry/import/elder-import.service.js';
import { createLedgerService } from './app/ledger/ledger.service.js';
import { createRegistryExport } from './app/ledger/registry-export.js';
import { createReadingsService } from './app/telemetry/readings.service.js';
import { createReportService } from './app/reports/report.service.js';
import { createDeadLetterService } from './app/ingest/dead-letter.service.js';
import { createStatusWallService } from './app/alerts/status-wall.service.js';
import { createRuleRunner } from './app/decisions/rule-runner.js';
import { SessionRevocations } from './app/directories/session-revocations.js';
import type { Store } from './app/ports/store/store.port.js';
import { createTaskService } from './app/tasks/task.service.js';
import { createCareVisitGenerator } from './app/tasks/care-visit-generator.js';
import { createVisitPolicyService } from './app/visits/visit-policy.service.js';
import { createComplaintService } from './app/complaints/complaint.service.js';
import { createCallReports } from './app/reports/call-report.js';
import { createIntegrationTokenService } from './app/telephony/integration-token.service.js';
import { createTelephonyService } from './app/telephony/telephony.service.js';
import { createHandoverService } from './app/handover/handover.service.js';
import { createCallService } from './app/calls/call.service.js';
import { createAlarmCallsService } from './app/calls/alarm-calls.service.js';
import { createTelemetryRecorder } from './app/telemetry/telemetry-recorder.js';
import { createActivityTally } from './app/activity/activity-tally.js';
import { createActivityService } from './app/activity/activity.service.js';
import type { RecentReadings, TelemetrySink } from './app/ports/telemetry-sink.port.js';
import { createUserService } from './app/people/user.service.js';
import { createDeviceLifecycleService } from './app/device-lifecycle/device-lifecycle.service.js';
import { createDeviceIdentityRecorder } from './app/device-lifecycle/device-identity.js';
import { createDeviceImportService } from './app/device-lifecycle/import/device-import.service.js';
import { regionPlanOf, type GatewayConfig } from './config.js';
import type { RuleSettings } from './core/elder-state.js';

// Wires the use cases to the store and to each other. No listener is opened here; server.ts does that.

export function ruleSettingsOf(config: GatewayConfig): RuleSettings {
  return {
    escalation: {
      ackSeconds: { 1: config.ESCALATION_P1_SECONDS, 2: config.ESCALATION_P2_SECONDS, 3: config.ESCALATION_P3_SECONDS },
      acceptSeconds: config.DISPATCH_ACCEPT_SECONDS,
      arrivalMinutes: { 1: config.ARRIVAL_P1_MINUTES, 2: config.ARRIVAL_P2_MINUTES, 3: config.ARRIVAL_P3_MINUTES },
      followUpHours: config.FOLLOW_UP_HOURS,
    },
    cancelWindowMs: config.CANCEL_WINDOW_SECONDS * 1000,
    heartbeatTimeoutMs: config.HEARTBEAT_TIMEOUT_SECONDS * 1000,
    offlineGraceMs: config.OFFLINE_GRACE_SECONDS * 1000,
    testSignalIntervalMs: config.TEST_SIGNAL_INTERVAL_HOURS * 3600 * 1000,
    utcOffsetMinutes: config.UTC_OFFSET_MINUTES,
  };
}

export async function composeServices(deps: {
  config: GatewayConfig;
  store: Store;
  metrics: Metrics;
  clock: () => number;
  newId: () => string;
  logger: Logger;
  /** The other gateway instances on the same store; `soloCluster` when there are none. */
  cluster: ClusterLink;
  /** Where changes are announced (the websocket hub and the other instances listen). */
  live: LiveEventFeed;
  /** The recent window (also a sink) and every other telemetry sink, e.g. InfluxDB. */
  telemetry: { recent: RecentReadings; sinks: readonly TelemetrySink[] };
}) {
  const { config, store, metrics, clock, newId, logger, cluster } = deps;
  const settings = ruleSettingsOf(config);
  const registry = DeviceRegistry.fromRecords(await store.listDevices());
  const elders = await store.listElders();
  const directory = CareDirectory.load(elders, await store.listRuleStates());
  // Finding the caller while the phone rings, without a read of the store (elder-lookup-index.ts).
  const elderLookupIndex = ElderLookupIndex.load(elders, { areaCode: config.PHONE_AREA_CODE });
  const regions = RegionDirectory.load(await store.listRegions(), regionPlanOf(config));

  // Sessions ended early: the live hub closes their websockets, cluster-sync tells the other instances.
  const revocations = new SessionRevocations();
  const auth = createAuthService({
    store,
    clock,
    newId,
    options: {
      tokenTtlMs: config.TOKEN_TTL_HOURS * 3600 * 1000,
      maxFailedLogins: config.LOGIN_MAX_FAILURES,
      lockoutMs: config.LOGIN_LOCKOUT_MINUTES * 60_000,
    },
    revocations,
    logger,
  });

  // One queue per elder for everything that reads and writes the elder's alerts and tasks: device messages,
  // deadlines, people's actions.
  const queue = new KeyedSerialQueue();
  const { live } = deps;
  const channel = config.NOTIFY_WEBHOOK_URL ? createWebhookChannel({ url: config.NOTIFY_WEBHOOK_URL }, logger) : createLogChannel(logger);
  // Started and stopped by server.ts; the rule runner wakes it after each commit that stored notifications.
  const outbox = createNotificationOutbox({
    store,
    channel,
    composer: createNotificationComposer({ store, regions }),
    metrics,
    clock,
    newId,
    claimant: cluster.instanceId,
    logger,
  });
  const awayMaxMs = config.AWAY_MAX_DAYS * 24 * 3600 * 1000;
  const states = createElderStateBuilder({ store, registry, directory, regions, settings, newId, cacheOpenItems: !cluster.shared, awayMaxMs });
  // The devices that raised a life-safety alarm hear what became of it, after the commit (app/device-feedback).
  const deviceFeedback = createDeviceFeedback({ metrics, clock, logger });
  // A device whose message is refused is told so on its commands topic, rate-limited (app/device-rejections).
  const deviceRejections = createDeviceRejections({ metrics, clock, logger });
  // Commands to devices as records (app/device-commands); with an external broker a device coming online (its
  // presence committed online) is sent what waits for it. `registration` is read when a test_mode command is made.
  let registrationRef: ReturnType<typeof createRegistrationService> | null = null;
  const deviceCommands = createDeviceCommands({
    store,
    registry,
    regions,
    rules: { run: (run) => rules.run(run) },
    metrics,
    setGatewayTestMode: (access, deviceId, minutes) => registrationRef!.setTestMode(access, deviceId, minutes),
    clock,
    newId,
    logger,
  });
  const observers = config.MQTT_URL ? [deviceFeedback.afterCommit, deviceCommands.afterCommit] : [deviceFeedback.afterCommit];
  const announce = createChangeAnnouncer({ store, directory, live, metrics, logger, observers });
  // Each home's daily activity, counted in memory from every admitted message (activity-tally.ts).
  const activity = createActivityTally({ store, clock, utcOffsetMinutes: config.UTC_OFFSET_MINUTES, logger });
  // The firmware and model a heartbeat names, stored when they change, off the message's path (device-identity.ts).
  const deviceIdentity = createDeviceIdentityRecorder({ store, logger });
  const telemetry = createTelemetryRecorder({ sinks: deps.telemetry.sinks, directory, logger, observers: [activity.observe, deviceIdentity.observe] });
  const rules = createRuleRunner({ store, registry, directory, states, announce, outbox, metrics, queue, cluster, clock, newId, logger });
  // The care visits the visit policy owes (探访, issue 21): the schedule (server.ts) and registrations and imports make them.
  const careVisits = createCareVisitGenerator({ store, rules, clock, utcOffsetMinutes: config.UTC_OFFSET_MINUTES, logger });
  const ensureCareVisits = (ids: readonly string[]): Promise<void> =>
    careVisits.ensureElders(ids).catch((err: unknown) => logger.warn({ err, elders: ids.length }, 'care visits not made at once; the schedule makes them'));

  const registration = createRegistrationService({ store, registry, directory, lookup: elderLookupIndex, regions, rules, cluster, clock, newId, awayMaxMs, phoneAreaCode: config.PHONE_AREA_CODE, utcOffsetMinutes: config.UTC_OFFSET_MINUTES, ensureCareVisits });
  registrationRef = registration;

  return {
    deviceFeedback,
    deviceRejections,
    deviceCommands,
    settings,
    cluster,
    registry,
    directory,
    regions,
    auth,
    revocations,
    live,
    outbox,
    rules,
    alerts: createAlertService({ store, rules, states, regions, metrics }),
    tasks: createTaskService({ store, rules, regions }),
    calls: createCallService({
      store,
      rules,
      regions,
      directory,
      lookup: elderLookupIndex,
      cluster,
      clock,
      newId,
      phoneAreaCode: config.PHONE_AREA_CODE,
      utcOffsetMinutes: config.UTC_OFFSET_MINUTES,
    }),
    alarmCalls: createAlarmCallsService({ store, rules, regions, clock, newId, phoneAreaCode: config.PHONE_AREA_CODE }),
    telemetry,
    activityTally: activity,
    activity: createActivityService({ store, tally: activity, directory, regions, clock, utcOffsetMinutes: config.UTC_OFFSET_MINUTES }),
    readings: createReadingsService({ store, registry, regions, recent: deps.telemetry.recent, clock, windowMs: config.TELEMETRY_WINDOW_HOURS * 3600_000 }),
    ingest: createIngest({ store, registry, rules, telemetry, metrics, logger, clock, commands: deviceCommands.followers, maxPayloadBytes: config.MQTT_MAX_PAYLOAD_BYTES, rateLimit: { messagesPerMinute: config.DEVICE_MAX_MESSAGES_PER_MINUTE, burst: config.DEVICE_BURST_MESSAGES }, rejections: deviceRejections }),
    connections: createConnectionTracker({ registry, rules, logger }),
    registration,
    // Retire, replace, move, and bulk registration from a device file (issue 22).
    deviceLifecycle: createDeviceLifecycleService({ store, registry, regions, directory, rules, cluster, clock, carryOverSettings: deviceCommands.carryOverSettings, logger }),
    deviceImports: createDeviceImportService({ store, registry, regions, rules, cluster, clock, newId, logger }),
    careVisits,
    visitPolicy: createVisitPolicyService({
      store,
      clock,
      ensureAll: () => void careVisits.ensureAll().catch((err: unknown) => logger.warn({ err }, 'care visits not made after a policy change; the schedule makes them')),
    }),
    // Lists of elders from civil-affairs offices (issue 21): jobs in this instance's memory, written in one transaction.
    elderImports: createElderImportService({ store, directory, lookup: elderLookupIndex, regions, cluster, clock, newId, phoneAreaCode: config.PHONE_AREA_CODE, utcOffsetMinutes: config.UTC_OFFSET_MINUTES, scheduleVisits: (ids) => careVisits.ensureElders(ids), logger }),
    elderLookupIndex,
    elderLookup: createElderLookupService({ index: elderLookupIndex, regions }),
    users: createUserService({ store, regions, auth, clock, newId, phoneAreaCode: config.PHONE_AREA_CODE }),
    regionService: createRegionService({ store, regions, cluster, clock, newId }),
    reports: createReportService({ store, regions, clock, utcOffsetMinutes: config.UTC_OFFSET_MINUTES }),
    callReports: createCallReports({ store, regions, clock, utcOffsetMinutes: config.UTC_OFFSET_MINUTES }),
    complaints: createComplaintService({ store, regions, clock, newId, handlingDays: config.COMPLAINT_HANDLING_DAYS }),
    integrationTokens: createIntegrationTokenService({ store, regions, clock, newId }),
    telephonyPerMinute: config.TELEPHONY_RATE_LIMIT_PER_MINUTE,
    telephony: createTelephonyService({
      lookupByPhone: (number, regionPath, limit) =>
        elderLookupIndex.lookup(number, { limit, visible: (regionId) => (regions.pathOf(regionId) ?? '').startsWith(regionPath) }),
      regions,
      live,
      metrics,
      clock,
      areaCode: config.PHONE_AREA_CODE,
    }),
    statusWall: createStatusWallService({ directory, registry, regions, alerts: store, clock }),
    deadLetters: createDeadLetterService({ store, regions }),
    handover: createHandoverService({ store, regions, clock, newId }),
    ledger: createLedgerService({ store, regions, clock, utcOffsetMinutes: config.UTC_OFFSET_MINUTES }),
    registryExport: createRegistryExport({ store, regions, clock, utcOffsetMinutes: config.UTC_OFFSET_MINUTES }),
  };
}
