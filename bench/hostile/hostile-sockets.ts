import { readdirSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { sleep } from '../net.js';

// Raw sockets for the hostile-load bench: connections that hold a port open and finish nothing, from many loopback
// addresses (any 127.x.y.z reaches a gateway listening on 127.0.0.1, so per-address caps can be met as they would
// be by many hosts), and plain HTTP over a connection opened beforehand (new ones may be refused on purpose).

export interface HeldSocket {
  socket: Socket;
  closed: () => boolean;
  received: () => string;
}

/** The `n`th of many client addresses, `perAddress` connections to each: 127.0.<10 + block>.<1..200>. */
export function clientAddress(n: number, perAddress: number): string {
  const slot = Math.floor(n / perAddress);
  return `127.0.${10 + Math.floor(slot / 200)}.${1 + (slot % 200)}`;
}

export async function holdSocket(port: number, localAddress: string, first?: Buffer | string): Promise<HeldSocket> {
  const socket = connect({ host: '127.0.0.1', port, localAddress });
  const chunks: Buffer[] = [];
  let closed = false;
  socket.on('error', () => undefined);
  socket.on('data', (c: Buffer) => chunks.push(c));
  socket.on('close', () => (closed = true));
  await new Promise<void>((resolve) => {
    socket.once('connect', () => resolve());
    socket.once('close', () => resolve());
  });
  if (first !== undefined && !closed) await new Promise<void>((resolve) => socket.write(first, () => resolve()));
  return { socket, closed: () => closed, received: () => Buffer.concat(chunks).toString('latin1') };
}

/** Opens `count` sockets, `parallel` at a time. */
export async function holdMany(count: number, parallel: number, open: (n: number) => Promise<HeldSocket>): Promise<HeldSocket[]> {
  const held: HeldSocket[] = [];
  for (let i = 0; i < count; i += parallel) {
    held.push(...(await Promise.all(Array.from({ length: Math.min(parallel, count - i) }, (_, j) => open(i + j)))));
  }
  return held;
}

/** Writes one byte of `text` a second on each open socket until it closes; returns a stop function. */
export function trickleEach(held: HeldSocket[], text: string): () => void {
  let i = 0;
  const timer = setInterval(() => {
    const byte = text[i % text.length]!;
    i += 1;
    for (const h of held) if (!h.closed()) h.socket.write(byte);
  }, 1000);
  return () => clearInterval(timer);
}

export async function waitUntil(done: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (!done() && Date.now() < end) await sleep(50);
  return done();
}

/** A GET over an open connection: status and body (chunks joined). */
export async function getOver(held: HeldSocket, path: string): Promise<{ status: number; body: string }> {
  const from = held.received().length;
  held.socket.write(`GET ${path} HTTP/1.1\r\nHost: gateway\r\n\r\n`);
  const complete = () => {
    const reply = held.received().slice(from);
    const headEnd = reply.indexOf('\r\n\r\n');
    if (headEnd < 0) return false;
    const head = reply.slice(0, headEnd);
    const body = reply.slice(headEnd + 4);
    if (/transfer-encoding: chunked/i.test(head)) return body.endsWith('0\r\n\r\n');
    return body.length >= Number(/content-length: (\d+)/i.exec(head)?.[1] ?? 0);
  };
  await waitUntil(() => complete() || held.closed(), 5000);
  const reply = held.received().slice(from);
  const head = reply.slice(0, reply.indexOf('\r\n\r\n'));
  let body = reply.slice(reply.indexOf('\r\n\r\n') + 4);
  if (/transfer-encoding: chunked/i.test(head)) body = body.replace(/(^|\r\n)[0-9a-f]+\r\n/gi, '$1').replace(/\r\n/g, '');
  return { status: Number(/^HTTP\/1\.1 (\d{3})/.exec(reply)?.[1] ?? 0), body };
}

/** A Prometheus sample's value in a /metrics body (summed over label sets containing `labels`). */
export function metricValue(body: string, name: string, labels = ''): number {
  return body
    .split('\n')
    .filter((l) => (l.startsWith(`${name}{`) || l.startsWith(`${name} `)) && l.includes(labels))
    .reduce((sum, l) => sum + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
}

export const openFilesOf = (pid: number): number => readdirSync(`/proc/${pid}/fd`).length;
