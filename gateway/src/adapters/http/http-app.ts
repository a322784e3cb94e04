import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyCompress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { AlertService } from '../../app/alerts/alert.service.js';
import type { AuthService } from '../../app/people/auth.service.js';
import type { ReadingsService } from '../../app/telemetry/readings.service.js';
import type { ActivityService } from '../../app/activity/activity.service.js';
import type { RegistrationService } from '../../app/registry/registration.service.js';
import type { DeviceLifecycleService } from '../../app/device-lifecycle/device-lifecycle.service.js';
import type { DeviceImportService } from '../../app/device-lifecycle/import/device-import.service.js';
import type { DeviceCommands } from '../../app/device-commands/device-commands.js';
import type { Store } from '../../app/ports/store/store.port.js';
import type { TaskService } from '../../app/tasks/task.service.js';
import type { VisitPolicyService } from '../../app/visits/visit-policy.service.js';
import type { AlarmCallsService } from '../../app/calls/alarm-calls.service.js';
import type { CallService } from '../../app/calls/call.service.js';
import type { ElderLookupService } from '../../app/calls/elder-lookup.service.js';
import type { SinkHealth } from '../../app/ports/telemetry-sink.port.js';
import type { StatusWallService } from '../../app/alerts/status-wall.service.js';
import type { DeadLetterService } from '../../app/ingest/dead-letter.service.js';
import type { RegionService } from '../../app/people/region.service.js';
import type { ReportService } from '../../app/reports/report.service.js';
import type { UserService } from '../../app/people/user.service.js';
import type { ComplaintService } from '../../app/complaints/complaint.service.js';
import type { CallReports } from '../../app/reports/call-report.js';
import type { IntegrationTokenService } from '../../app/telephony/integration-token.service.js';
import type { TelephonyService } from '../../app/telephony/telephony.service.js';
import type { HandoverService } from '../../app/handover/handover.service.js';
import type { OpenFiles } from '../system/open-files.js';
import { requireSession } from './authenticate.js';
import { limitConnections, type HttpRefusal } from './connection-limits.js';
import { registerErrorHandler } from './error-handler.js';
import { refuseNulCharacters } from './refuse-nul.js';
import { readEmptyBodies } from './request-body.js';
import { registerSecurityPlugins, type SecurityOptions } from './security-plugins.js';
import { alertRoutes } from './routes/alerts.routes.js';
import { accountRoutes } from './routes/account.routes.js';
import { authRoutes } from './routes/auth.routes.js';
import { healthRoutes } from './routes/health.routes.js';
import { careProfileRoutes } from './routes/care-profile.routes.js';
import { deviceCommandRoutes } from './routes/device-commands.routes.js';
import { deviceLifecycleRoutes } from './routes/device-lifecycle.routes.js';
import { peopleRoutes } from './routes/people.routes.js';
import { readingsRoutes } from './routes/readings.routes.js';
import { activityRoutes } from './routes/activity.routes.js';
import { reportRoutes } from './routes/reports.routes.js';
import { deadLetterRoutes } from './routes/dead-letters.routes.js';
import { registryRoutes } from './routes/registry.routes.js';
import { elderImportRoutes } from './routes/elder-import.routes.js';
import type { ElderImportService } from '../../app/registry/import/elder-import.service.js';
import { ledgerRoutes } from './routes/ledger.routes.js';
import type { LedgerService } from '../../app/ledger/ledger.service.js';
import type { RegistryExport } from '../../app/ledger/registry-export.js';
import { elderLookupRoutes } from './routes/phone/elder-lookup.routes.js';
import { statusWallRoutes } from './routes/status-wall.routes.js';
import { taskRoutes } from './routes/tasks.routes.js';
import { visitPolicyRoutes } from './routes/visit-policy.routes.js';
import { callRoutes } from './routes/phone/calls.routes.js';
import { complaintRoutes } from './routes/phone/complaints.routes.js';
import { integrationTokenRoutes } from './routes/phone/integration-tokens.routes.js';
import { telephonyRoutes } from './routes/phone/telephony.routes.js';
import { handoverRoutes } from './routes/handover.routes.js';

// The HTTP side as a fastify app: third-party plugins, then health, then the API, then the dashboard's files.
// Built separately from listening, so tests can build the same app.

export interface HttpDeps {
  auth: AuthService;
  alerts: AlertService;
  registration: RegistrationService;
  deviceLifecycle: DeviceLifecycleService;
  deviceImports: DeviceImportService;
  deviceCommands: Pick<DeviceCommands, 'service'>;
  elderImports: ElderImportService;
  tasks: TaskService;
  visitPolicy: VisitPolicyService;
  calls: CallService;
  alarmCalls: AlarmCallsService;
  elderLookup: ElderLookupService;
  users: UserService;
  regionService: RegionService;
  reports: ReportService;
  readings: ReadingsService;
  activity: ActivityService;
  statusWall: StatusWallService;
  deadLetters: DeadLetterService;
  complaints: ComplaintService;
  callReports: CallReports;
  integrationTokens: IntegrationTokenService;
  telephony: TelephonyService;
  handover: HandoverService;
  ledger: LedgerService;
  registryExport: RegistryExport;
  /** Calls one integration token may announce through the telephony hook per minute. */
  telephonyPerMinute: number;
  store: Store;
  registry: Registry;
  isReady: () => boolean;
  /** CORS origins and rate limits (securityOptionsOf(config)); unset: the configuration's defaults. */
  security?: SecurityOptions;
  /** Certificate and key (PEM): the app serves HTTPS, and the live hub wss, instead of HTTP (docs/tls.md). */
  https?: { cert: Buffer; key: Buffer };
  /** Timeouts and connection caps (connection-limits.ts). */
  connections: HttpConnectionOptions;
  /** True while the store cannot write: readiness fails and says why. */
  storeWritesFailing: () => boolean;
  telemetryHealth: () => Record<string, SinkHealth>;
  logger: Logger;
}

export interface HttpConnectionOptions {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  /** No traffic on a connection for this long closes it; also how long an idle keep-alive connection is kept. */
  idleTimeoutMs: number;
  perAddress: number;
  openFiles: OpenFiles;
  onRefused: (reason: HttpRefusal) => void;
  onOpenChanged?: (open: number) => void;
}

/** How often Node checks the header and request timeouts of open connections (its default, 30 s, adds that much). */
const TIMEOUT_CHECK_MS = 1000;

/** The dashboard as Vite built it (`npm run build`, run by `npm ci` through `prepare`). */
const DASHBOARD_DIR = fileURLToPath(new URL('../../../../dashboard/dist/', import.meta.url));

export async function buildHttpApp(deps: HttpDeps): Promise<FastifyInstance> {
  const limits = deps.connections;
  // Node refuses a header timeout longer than the request's.
  const headersTimeout = Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs);
  const serverOptions = { headersTimeout, requestTimeout: limits.requestTimeoutMs, connectionsCheckingInterval: TIMEOUT_CHECK_MS };
  const app = Fastify({
    // Per-request lines are info level; at warn the log keeps errors without a line per dashboard call.
    // pino's Logger is a FastifyBaseLogger at runtime; the cast keeps the app's type the default one.
    loggerInstance: deps.logger.child({ module: 'http' }, { level: deps.logger.levelVal > 40 ? deps.logger.level : 'warn' }) as FastifyBaseLogger,
    bodyLimit: 64 * 1024,
    // Malformed URLs (bad percent-encoding, ...) answer in the same `{ error: { code, message } }` shape as the rest.
    frameworkErrors: (error, _request, reply) => {
      const status = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
      void (reply as unknown as FastifyReply).code(status).send({ error: { code: error.code, message: error.message } });
    },
    // Idle, trickling and half-sent connections are closed (connection-limits.ts says why). The websocket turns its
    // socket's idle timeout off when it takes it over (ws does) and keeps itself alive with the desk heartbeat.
    connectionTimeout: limits.idleTimeoutMs,
    keepAliveTimeout: limits.idleTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    http: serverOptions,
    ...(deps.https ? { https: { ...deps.https, ...serverOptions } } : {}),
  }).withTypeProvider<ZodTypeProvider>();
  limitConnections(app.server, limits);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('session', null);
  registerErrorHandler(app);
  refuseNulCharacters(app);
  readEmptyBodies(app);
  await registerSecurityPlugins(app, deps.security, Boolean(deps.https));

  // Only routes that ask for it (the status wall's 20,000 homes: 6 MB of JSON, a tenth of that gzipped).
  await app.register(fastifyCompress, { global: false, encodings: ['gzip'] });

  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Elderly-care monitoring gateway', description: 'REST API of the duty desk and responders', version: '1' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  await app.register(healthRoutes, {
    store: deps.store,
    registry: deps.registry,
    isReady: deps.isReady,
    storeWritesFailing: deps.storeWritesFailing,
    descriptorsShort: () => limits.openFiles.runningShort(),
    telemetryHealth: deps.telemetryHealth,
  });

  await app.register(
    async (api) => {
      await api.register(authRoutes, { auth: deps.auth });
      // A PBX's integration token, not a person's login: its own scope and its own token check (telephony.routes.ts).
      await api.register(telephonyRoutes, { telephony: deps.telephony, tokens: deps.integrationTokens, perMinute: deps.telephonyPerMinute });
      await api.register(async (secured) => {
        secured.addHook('onRequest', requireSession(deps.auth));
        // Before the registry's /elders/:id, so `lookup` is never taken for an elder's id.
        await secured.register(elderLookupRoutes, { elderLookup: deps.elderLookup });
        await secured.register(ledgerRoutes, { ledger: deps.ledger, registryExport: deps.registryExport });
        await secured.register(registryRoutes, { registration: deps.registration });
        await secured.register(elderImportRoutes, { elderImports: deps.elderImports });
        await secured.register(careProfileRoutes, { registration: deps.registration });
        await secured.register(deviceLifecycleRoutes, { lifecycle: deps.deviceLifecycle, deviceImports: deps.deviceImports });
        await secured.register(deviceCommandRoutes, { deviceCommands: deps.deviceCommands.service });
        await secured.register(alertRoutes, { alerts: deps.alerts });
        await secured.register(taskRoutes, { tasks: deps.tasks });
        await secured.register(visitPolicyRoutes, { visitPolicy: deps.visitPolicy });
        await secured.register(callRoutes, { calls: deps.calls, alarmCalls: deps.alarmCalls });
        await secured.register(peopleRoutes, { users: deps.users, regionService: deps.regionService });
        await secured.register(accountRoutes, { auth: deps.auth, users: deps.users });
        await secured.register(reportRoutes, { reports: deps.reports, callReports: deps.callReports, store: deps.store });
        await secured.register(readingsRoutes, { readings: deps.readings });
        await secured.register(activityRoutes, { activity: deps.activity });
        await secured.register(statusWallRoutes, { statusWall: deps.statusWall });
        await secured.register(deadLetterRoutes, { deadLetters: deps.deadLetters });
        await secured.register(complaintRoutes, { complaints: deps.complaints });
        await secured.register(integrationTokenRoutes, { tokens: deps.integrationTokens });
        await secured.register(handoverRoutes, { handover: deps.handover });
      });
    },
    { prefix: '/api/v1' },
  );

  if (!existsSync(`${DASHBOARD_DIR}index.html`)) {
    deps.logger.error({ code: 'DASHBOARD_NOT_BUILT', dir: DASHBOARD_DIR }, 'the dashboard is not built: run `npm run build`; the API works without it');
  }
  // Hashed asset names change with every build, so they may be cached for good; the pages themselves may not.
  await app.register(fastifyStatic, {
    root: DASHBOARD_DIR,
    prefix: '/',
    wildcard: false,
    setHeaders: (reply, path) => reply.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache'),
  });
  return app;
}
