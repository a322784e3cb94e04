import { loadConfig } from './config.js';
import { createRootLogger } from './logger.js';
import { startGateway } from './server.js';

// Reads config, starts the gateway, closes it gracefully on SIGINT / SIGTERM. Nothing else.

const config = loadConfig();
const logger = createRootLogger(config.LOG_LEVEL);
const gateway = await startGateway(config, logger);

process.stdout.write(`\nDashboard: ${gateway.httpUrl}/   MQTT: ${gateway.mqttUrl}   API docs: ${gateway.httpUrl}/api/docs\n`);
if (gateway.generatedAdminPassword) {
  // Printed once, to the terminal only; the log never carries it.
  process.stdout.write(`First admin: ${config.GATEWAY_ADMIN_USER} / ${gateway.generatedAdminPassword} (change it)\n\n`);
}

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  await gateway.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
