import type { FastifyPluginAsync } from 'fastify';
import type { Registry } from 'prom-client';
import type { SinkHealth } from '../../../app/ports/telemetry-sink.port.js';
import type { StoreLifecycle } from '../../../app/ports/store/store.port.js';

// Liveness, readiness and Prometheus metrics; outside /api/v1 and without authentication, as scrapers expect.
// Readiness is the alarm path (broker and store). Telemetry sinks are reported beside it: a degraded InfluxDB is
// visible to the operator but does not take the gateway out of a load balancer, because alarms still flow.
// Open files are the alarm path too: when fewer than twice the reserve are free (system/open-files.ts), devices may
// soon be unable to connect, so the gateway says it is not ready while it still can.

export const healthRoutes: FastifyPluginAsync<{
  store: StoreLifecycle;
  registry: Registry;
  isReady: () => boolean;
  storeWritesFailing: () => boolean;
  /** Free descriptors are running short (below twice the reserve). */
  descriptorsShort: () => boolean;
  telemetryHealth: () => Record<string, SinkHealth>;
}> = async (app, deps) => {
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    const checks: Record<string, string> = { broker: deps.isReady() ? 'ok' : 'starting', descriptors: deps.descriptorsShort() ? 'short' : 'ok' };
    try {
      await deps.store.ping();
      checks.store = deps.storeWritesFailing() ? 'writes_failing' : 'ok';
    } catch {
      checks.store = 'down';
    }
    const ready = Object.values(checks).every((v) => v === 'ok');
    return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', checks, telemetry: deps.telemetryHealth() });
  });

  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) =>
    reply.type(deps.registry.contentType).send(await deps.registry.metrics()),
  );
};
