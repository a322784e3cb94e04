import WebSocket from 'ws';
import type { WsEvent } from '../../schemas/index.js';

// A real websocket client of the live hub that records every event and can wait for one.

export interface LiveClient {
  events: WsEvent[];
  waitFor<T extends WsEvent>(match: (e: WsEvent) => e is T, timeoutMs?: number): Promise<T>;
  waitFor(match: (e: WsEvent) => boolean, timeoutMs?: number): Promise<WsEvent>;
  close(): void;
  /** Settles when the gateway (or the client) closes the socket, with the close code and reason. */
  closed: Promise<{ code: number; reason: string }>;
}

export async function connectLive(httpUrl: string, token: string): Promise<LiveClient> {
  const socket = new WebSocket(`${httpUrl.replace(/^http/, 'ws')}/ws?token=${encodeURIComponent(token)}`);
  const events: WsEvent[] = [];
  const waiters = new Set<() => void>();
  const closed = new Promise<{ code: number; reason: string }>((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: String(reason) })));
  socket.on('message', (data) => {
    events.push(JSON.parse(String(data)) as WsEvent);
    for (const w of waiters) w();
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return {
    events,
    waitFor(match: (e: WsEvent) => boolean, timeoutMs = 5000): Promise<WsEvent> {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = events.find(match);
          if (!found) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching live event within ${timeoutMs} ms; saw ${events.map((e) => e.type).join(', ')}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () => socket.close(),
    closed,
  } as LiveClient;
}
