import type { Socket } from 'node:net';
import { createServer, type Server } from 'node:tls';
import type { Logger } from 'pino';
import type { TransportSecurity } from './tls-files.js';

// The MQTT-over-TLS listener (port 8883 by default) beside the plain one. With MQTT_DEVICE_AUTH 'either' or
// 'certificate' it asks devices for a client certificate but does not insist during the handshake
// (rejectUnauthorized: false): a device without one, or with one the CA did not sign, still reaches CONNECT,
// where authenticateDevice decides with socket.authorized and the certificate's names.

export function createTlsListener(security: TransportSecurity, handle: (socket: Socket) => void, logger: Logger, handshakeTimeoutMs: number): Server {
  const askForCertificate = security.deviceAuth !== 'secret';
  const server = createServer(
    {
      cert: security.cert,
      key: security.key,
      minVersion: 'TLSv1.2',
      // Without it, CONNACK waits behind the TLS 1.3 session tickets for the client's delayed ACK (Nagle):
      // measured here, a TLS CONNECT took 48 ms median instead of 9 ms (docs/tls.md).
      noDelay: true,
      // A handshake that does not finish is a connection before login: it gets the CONNECT's time, not Node's 120 s.
      handshakeTimeout: handshakeTimeoutMs,
      ...(askForCertificate ? { requestCert: true, rejectUnauthorized: false, ca: security.ca } : {}),
    },
    handle,
  );
  // A failed handshake (a client that does not trust our certificate, a port scanner, plain MQTT on the TLS port)
  // never reaches the broker. Debug level: scanners would otherwise fill the log.
  server.on('tlsClientError', (err: Error & { code?: string }, socket) => {
    logger.debug({ err: err.code ?? err.message, remote: socket.remoteAddress }, 'TLS handshake failed');
  });
  return server;
}
