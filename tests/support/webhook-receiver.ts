import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OutboundNotification } from '../../gateway/src/app/ports/notifier.port.js';

// A real HTTP endpoint standing in for the centre's SMS / phone gateway: it records every notification POSTed to it,
// with the idempotency key it came with, and can be taken down (it answers 503 and records nothing), as a gateway
// that is being restarted or is overloaded would.

export interface WebhookDelivery {
  /** The `idempotency-key` header; null when the request had none. */
  idempotencyKey: string | null;
  notification: OutboundNotification;
  /** When it arrived (epoch ms). */
  at: number;
}

export interface WebhookReceiver {
  url: string;
  /** Every notification accepted, in arrival order, resends included. */
  received: OutboundNotification[];
  /** The same, with the idempotency key each came with. */
  deliveries: WebhookDelivery[];
  /** Requests refused while down. */
  readonly refused: number;
  /** While down, every request is answered 503 and not recorded. */
  setDown(down: boolean): void;
  waitFor(match: (n: OutboundNotification) => boolean, timeoutMs?: number): Promise<OutboundNotification>;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: OutboundNotification[] = [];
  const deliveries: WebhookDelivery[] = [];
  let down = false;
  let refused = 0;
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      if (down) {
        refused += 1;
        response.writeHead(503).end();
        return;
      }
      const notification = JSON.parse(body) as OutboundNotification;
      const key = request.headers['idempotency-key'];
      received.push(notification);
      deliveries.push({ idempotencyKey: typeof key === 'string' ? key : null, notification, at: Date.now() });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/notify`,
    received,
    deliveries,
    get refused() {
      return refused;
    },
    setDown(value) {
      down = value;
    },
    async waitFor(match, timeoutMs = 5000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const found = received.find(match);
        if (found) return found;
        if (Date.now() > until) throw new Error(`no matching notification within ${timeoutMs} ms; got ${received.map((n) => n.topic).join(', ')}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        // Keep-alive connections from a gateway that is still running would hold close() open.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
