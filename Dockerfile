# syntax=docker/dockerfile:1
# The gateway as one container: MQTT broker (1883), REST API, websocket hub and dashboard (8080), SQLite in /data.
#   docker build -t eldercare-gateway .
#   docker run -d -p 8080:8080 -p 1883:1883 -v eldercare-data:/data -e GATEWAY_ADMIN_PASSWORD=... eldercare-gateway
# or, with docker-compose.yml: GATEWAY_ADMIN_PASSWORD=... docker compose up -d

# ---- dependencies: better-sqlite3 is a native module; the toolchain builds it when no prebuilt binary fits ----
FROM node:20-bookworm-slim AS deps
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
# tsx (which runs the TypeScript sources) is a runtime dependency, so dev dependencies can stay out. `prepare` (the
# dashboard's build) needs Vite, a dev dependency: it runs in the stage below, so scripts are skipped here and only
# the native module is built.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm rebuild better-sqlite3

# ---- the dashboard, built by Vite (`npm run build`) into dashboard/dist ----
FROM node:20-bookworm-slim AS dashboard
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY schemas ./schemas
COPY dashboard ./dashboard
RUN npm run build

# ---- runtime: no compiler, non-root ----
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    HTTP_PORT=8080 \
    MQTT_PORT=1883 \
    DATA_DIR=/data
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json package-lock.json tsconfig.json ./
COPY schemas ./schemas
COPY gateway ./gateway
COPY --from=dashboard /app/dashboard/dist ./dashboard/dist
# The data directory belongs to the unprivileged `node` user; a new named volume inherits this ownership.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8080 1883

HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.HTTP_PORT || 8080) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

# This is what `npm start` runs (tsx gateway/src/main.ts), as one process. Not `npm start` itself: as PID 1, npm
# exits on SIGTERM without passing it through `sh -c` to the gateway, so `docker stop` would skip the graceful
# shutdown (broker closed, SQLite closed) and end in SIGKILL.
CMD ["node", "--max-semi-space-size=64", "--import", "tsx", "gateway/src/main.ts"]
