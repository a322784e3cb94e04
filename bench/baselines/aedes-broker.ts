import { createServer } from 'node:net';
import { Aedes } from 'aedes';

// A bare aedes broker, the same version as the gateway's, in its own process: no authentication, no authorisation
// hooks, no rules, no store. It measures what aedes alone costs when it forwards device messages to a subscriber.
// Usage: node --import tsx bench/baselines/aedes-broker.ts <port>; prints "listening <port>" when ready.

const port = Number(process.argv[2] ?? 0);
// Same id length limit as the gateway's broker, so the same fleet connects.
const broker = await Aedes.createBroker({ maxClientsIdLength: 64 });
const server = createServer(broker.handle);
server.listen(port, '127.0.0.1', () => {
  const address = server.address() as { port: number };
  process.stdout.write(`listening ${address.port}\n`);
});

function stop(): void {
  broker.close(() => server.close(() => process.exit(0)));
  setTimeout(() => process.exit(0), 5000).unref();
}
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
