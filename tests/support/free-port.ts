import { createServer } from 'node:net';

// A port nobody listens on now: bind port 0 on loopback, read what the kernel chose, release it. For real services a
// test starts as processes (the gateway, VictoriaMetrics), which must be told their port before they start.

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
