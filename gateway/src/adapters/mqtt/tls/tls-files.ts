import { readFileSync } from 'node:fs';
import { ConfigError, type GatewayConfig } from '../../../config.js';

// The gateway's TLS material, read once at start from the PEM files the config names (docs/tls.md). Both the HTTPS
// server and the MQTT TLS listener use it. Settings that cannot work together stop the start with a ConfigError.

export type DeviceAuthMode = GatewayConfig['MQTT_DEVICE_AUTH'];

export interface TransportSecurity {
  cert: Buffer;
  key: Buffer;
  /** The CA that signs device certificates; set when client certificates are requested. */
  ca?: Buffer;
  /** How devices prove who they are on the TLS listener. */
  deviceAuth: DeviceAuthMode;
}

type TlsConfig = Pick<GatewayConfig, 'TLS_CERT_FILE' | 'TLS_KEY_FILE' | 'TLS_CA_FILE' | 'MQTT_DEVICE_AUTH'>;

function readPem(key: string, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    throw new ConfigError(`invalid configuration: ${key}: cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
}

/** null when no certificate is configured: plain HTTP and plain MQTT only. */
export function loadTransportSecurity(config: TlsConfig): TransportSecurity | null {
  const { TLS_CERT_FILE: certFile, TLS_KEY_FILE: keyFile, TLS_CA_FILE: caFile, MQTT_DEVICE_AUTH: deviceAuth } = config;
  if (!certFile !== !keyFile) {
    throw new ConfigError('invalid configuration: TLS_CERT_FILE and TLS_KEY_FILE go together: set both or neither');
  }
  if (!certFile || !keyFile) {
    if (deviceAuth !== 'secret') throw new ConfigError(`invalid configuration: MQTT_DEVICE_AUTH=${deviceAuth} needs TLS_CERT_FILE and TLS_KEY_FILE`);
    return null;
  }
  if (deviceAuth !== 'secret' && !caFile) {
    throw new ConfigError(`invalid configuration: MQTT_DEVICE_AUTH=${deviceAuth} needs TLS_CA_FILE, the CA that signs device certificates`);
  }
  return {
    cert: readPem('TLS_CERT_FILE', certFile),
    key: readPem('TLS_KEY_FILE', keyFile),
    ...(caFile ? { ca: readPem('TLS_CA_FILE', caFile) } : {}),
    deviceAuth,
  };
}
