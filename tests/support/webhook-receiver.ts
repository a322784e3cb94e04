import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OutboundNotification } from '../../gateway/src/app/notifier.port.js';

// A real HTTP endpoint standing in for the centre's SMS / phone gateway: it records every notification POSTed to it.

export interface WebhookReceiver {
  url: string;
  received: OutboundNotification[];
  waitFor(match: (n: OutboundNotification) => boolean, timeoutMs?: number): Promise<OutboundNotification>;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: OutboundNotification[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      received.push(JSON.parse(body) as OutboundNotification);
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/notify`,
    received,
    async waitFor(match, timeoutMs = 5000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const found = received.find(match);
        if (found) return found;
        if (Date.now() > until) throw new Error(`no matching notification within ${timeoutMs} ms; got ${received.map((n) => n.topic).join(', ')}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
