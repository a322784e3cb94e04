import fastifyCors from '@fastify/cors';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit, { normalizeIP, type FastifyRateLimitStore } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { errorReplySchema } from '../../../../schemas/index.js';
import { AppError } from '../../app/errors.js';
import { loadConfig, type GatewayConfig } from '../../config.js';

// What every HTTP reply carries and what every caller is held to, registered before any route:
// - helmet: a Content-Security-Policy the dashboard (built by Vite, uPlot bundled) and swagger UI (/api/docs) live within
//   (every script and style is a file of this origin; the live websocket is same-origin), no framing, no sniffing,
//   no referrer; HSTS only when the gateway itself serves HTTPS.
// - CORS: browser origins named in CORS_ORIGINS may call the API; none by default (same origin only).
// - rate limits per client address: failed logins (a successful login gives its count back, so a duty centre behind
//   one NAT address can sign in a whole shift), and writes (POST/PUT/PATCH/DELETE). Past either: 429 RATE_LIMITED
//   with Retry-After. The per-account lockout (LOGIN_MAX_FAILURES) still applies on top.

export interface SecurityOptions {
  /** Browser origins allowed to call the API from another site; empty: same origin only. */
  corsOrigins: readonly string[];
  /** Refused logins per client address and minute. */
  loginFailuresPerMinute: number;
  /** POST/PUT/PATCH/DELETE requests per client address and minute (logins excepted). */
  writesPerMinute: number;
}

export function securityOptionsOf(config: GatewayConfig): SecurityOptions {
  return {
    corsOrigins: (config.CORS_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    loginFailuresPerMinute: config.RATE_LIMIT_LOGIN_PER_MINUTE,
    writesPerMinute: config.RATE_LIMIT_WRITE_PER_MINUTE,
  };
}

export const LOGIN_PATH = '/api/v1/auth/login';
const WRITE_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const WINDOW_MS = 60_000;
/** Client addresses remembered at once; past it, expired windows go first, then the oldest. */
const MAX_TRACKED_KEYS = 20_000;

/** sha256 of `.logo_small_svg__cls-2{fill:#fff}.logo_small_svg__cls-3{fill:#85ea2d}`. */
const SWAGGER_LOGO_STYLE = "'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='";

type Bucket = 'login' | 'write';

function bucketOf(method: string, url: string | undefined): Bucket | null {
  if (!WRITE_METHODS.has(method)) return null;
  return url === LOGIN_PATH ? 'login' : 'write';
}

const bucketOfRequest = (request: FastifyRequest): Bucket | null => bucketOf(request.method, request.routeOptions.url);
const keyOf = (request: FastifyRequest, bucket: Bucket | null): string => `${bucket ?? 'read'}:${normalizeIP(request.ip)}`;

/**
 * Fixed one-minute windows per key, in memory, with a way to give a count back: @fastify/rate-limit counts a login
 * before it runs (so a burst of parallel guesses cannot slip past the limit), and a login that succeeds is refunded.
 */
function refundableWindows() {
  const windows = new Map<string, { count: number; endsAt: number }>();

  function makeRoom(now: number): void {
    for (const [key, w] of windows) if (w.endsAt <= now) windows.delete(key);
    for (const key of windows.keys()) {
      if (windows.size < MAX_TRACKED_KEYS) break;
      windows.delete(key);
    }
  }

  class WindowStore implements FastifyRateLimitStore {
    incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number): void {
      const now = Date.now();
      let w = windows.get(key);
      if (!w || w.endsAt <= now) {
        windows.delete(key);
        if (windows.size >= MAX_TRACKED_KEYS) makeRoom(now);
        w = { count: 0, endsAt: now + timeWindow };
        windows.set(key, w);
      }
      w.count += 1;
      callback(null, { current: w.count, ttl: w.endsAt - now });
    }

    child(): FastifyRateLimitStore {
      return this;
    }
  }

  return {
    WindowStore,
    refund(key: string): void {
      const w = windows.get(key);
      if (w && w.count > 0) w.count -= 1;
    },
  };
}

/** `options` unset: the configuration's defaults. `servesHttps`: browsers are told to stay on HTTPS (HSTS). */
export async function registerSecurityPlugins(
  app: FastifyInstance,
  options: SecurityOptions = securityOptionsOf(loadConfig({})),
  servesHttps = false,
): Promise<void> {
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        // The hash lets exactly one inline style through: the colours of swagger UI's logo (an SVG <style> in
        // @fastify/swagger-ui's bundle). Should an upgrade change it, only the logo loses its colours.
        styleSrc: ["'self'", SWAGGER_LOGO_STYLE],
        // data: for the desk's empty favicon and swagger UI's inline SVG icons.
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        // 'self' covers the live websocket (ws:/wss: on the same host and port) in CSP level 3.
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        ...(servesHttps ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    xFrameOptions: { action: 'deny' },
    strictTransportSecurity: servesHttps ? { maxAge: 180 * 24 * 3600, includeSubDomains: true } : false,
  });

  await app.register(fastifyCors, {
    origin: options.corsOrigins.length > 0 ? [...options.corsOrigins] : false,
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['authorization', 'content-type'],
    exposedHeaders: ['retry-after', 'content-disposition'],
    maxAge: 600,
  });

  const { WindowStore, refund } = refundableWindows();
  await app.register(fastifyRateLimit, {
    store: WindowStore,
    timeWindow: WINDOW_MS,
    allowList: (request) => bucketOfRequest(request) === null,
    keyGenerator: (request) => keyOf(request, bucketOfRequest(request)),
    max: (request) => (bucketOfRequest(request) === 'login' ? options.loginFailuresPerMinute : options.writesPerMinute),
    errorResponseBuilder: () => new AppError('RATE_LIMITED'),
  });
  app.addHook('onResponse', async (request, reply) => {
    if (reply.statusCode === 200 && bucketOfRequest(request) === 'login') refund(keyOf(request, 'login'));
  });

  // Every limited route documents its 429 in the OpenAPI document.
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const response = route.schema?.response as Record<string, unknown> | undefined;
    if (response && !route.schema?.hide && methods.some((m) => bucketOf(m, route.url) !== null)) response[429] ??= errorReplySchema;
  });
}
