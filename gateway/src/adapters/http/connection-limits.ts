import type { Server, Socket } from 'node:net';
import type { OpenFiles } from '../system/open-files.js';

// What an HTTP client may hold, before fastify sees a byte of it. Node's defaults let a connection that sends
// nothing, or its headers or body a byte at a time, stay for minutes (headers 60 s, checked every 30 s; the request
// 300 s; an idle connection with no request: no limit at all). Each is an open file; enough of them and a call button
// cannot connect while /healthz still answers 200 (docs/reliability.md, "Holding connections open"). So:
// - timeouts (http-app.ts): headers, the whole request, and any silence on the socket, checked every second;
// - at most `perAddress` connections at once from one client address (the websocket is one of them);
// - below the descriptor reserve (system/open-files.ts) new HTTP connections are closed at once: the files left are
//   the devices'. MQTT is not refused here; it has its own bounds before login (mqtt/pending-connections.ts).

export type HttpRefusal = 'per_address_limit' | 'descriptor_reserve';

export interface ConnectionLimits {
  perAddress: number;
  openFiles: OpenFiles;
  onRefused: (reason: HttpRefusal) => void;
  /** Open HTTP connections changed (for a gauge). */
  onOpenChanged?: (open: number) => void;
}

export function limitConnections(server: Server, limits: ConnectionLimits): void {
  const byAddress = new Map<string, number>();
  let open = 0;
  // 'connection' is the raw TCP socket, before TLS and before any byte is parsed: a refusal here costs nothing else.
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? 'unknown';
    const refusal: HttpRefusal | null = limits.openFiles.belowReserve()
      ? 'descriptor_reserve'
      : (byAddress.get(address) ?? 0) >= limits.perAddress
        ? 'per_address_limit'
        : null;
    if (refusal) {
      limits.onRefused(refusal);
      socket.destroy();
      return;
    }
    limits.openFiles.opened();
    byAddress.set(address, (byAddress.get(address) ?? 0) + 1);
    open += 1;
    limits.onOpenChanged?.(open);
    socket.once('close', () => {
      const left = (byAddress.get(address) ?? 1) - 1;
      if (left <= 0) byAddress.delete(address);
      else byAddress.set(address, left);
      open -= 1;
      limits.onOpenChanged?.(open);
    });
  });
}
