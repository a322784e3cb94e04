import { connect } from 'node:net';
import { sleep } from '../net.js';

// A broker is ready when its TCP listener accepts: poll until it does, or give up with the broker's own words.

export async function waitForPort(port: number, isAlive: () => boolean, output: () => string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!isAlive()) throw new Error(`broker exited before listening:\n${output()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`broker not listening on ${port} within ${timeoutMs} ms:\n${output()}`);
    await sleep(100);
  }
}
