import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { loadConfig, type GatewayConfig } from '../../gateway/src/config.js';
import { startGateway, type GatewayOverrides, type RunningGateway } from '../../gateway/src/server.js';
import { createApiClient, type ApiClient } from './api-client.js';

// A real gateway for a test: real TCP ports (chosen by the OS), a real SQLite file in a fresh folder.

export const TEST_ADMIN = { username: 'admin', password: 'test-admin-password' };

export interface TestGateway extends RunningGateway {
  dataDir: string;
  adminUser: string;
  adminPassword: string;
  adminToken: string;
  api: ApiClient;
}

export async function startTestGateway(
  overrides: Partial<Record<keyof GatewayConfig, string>> = {},
  parts: GatewayOverrides = {},
  /** The gateway's root logger; default: the production one at TEST_LOG_LEVEL (silent). */
  logger?: Logger,
): Promise<TestGateway> {
  const dataDir = overrides.DATA_DIR ?? mkdtempSync(join(tmpdir(), 'gateway-test-'));
  const config = loadConfig({
    HOST: '127.0.0.1',
    HTTP_PORT: '0',
    MQTT_PORT: '0',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    GATEWAY_ADMIN_USER: TEST_ADMIN.username,
    GATEWAY_ADMIN_PASSWORD: TEST_ADMIN.password,
    ...overrides,
    DATA_DIR: dataDir,
  });
  const gateway = await startGateway(config, logger, parts);
  const api = createApiClient(gateway.httpUrl);
  const adminToken = await api.login(TEST_ADMIN.username, TEST_ADMIN.password);
  return {
    ...gateway,
    dataDir,
    adminUser: TEST_ADMIN.username,
    adminPassword: TEST_ADMIN.password,
    adminToken,
    api,
    async close() {
      await gateway.close();
      if (!overrides.DATA_DIR) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
