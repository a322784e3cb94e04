import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { WebSocket, WebSocketServer } from 'ws';
import type { WsEvent } from '../../../../schemas/index.js';
import type { AlertActions } from '../../app/alert-actions.js';
import type { TaskActions } from '../../app/task-actions.js';
import type { AuthService } from '../../app/auth.service.js';
import type { LiveEvents } from '../../app/live-events.port.js';
import type { Metrics } from '../../app/metrics.js';

// The live hub: dashboards connect to /ws?token=..., get a snapshot of open alerts and tasks, then every change.
// Each event is serialised once for all clients. A client whose unsent bytes pile up past the limit is dropped;
// it reconnects and gets a fresh snapshot, and it never slows the ingest path or the other clients.

/** Close code for a missing or expired token; the dashboard goes back to its login. */
export const WS_CLOSE_UNAUTHORISED = 4401;

export interface LiveHub extends LiveEvents {
  attach(server: Server): void;
  close(): Promise<void>;
}

export function createLiveHub(deps: {
  auth: AuthService;
  alerts: AlertActions;
  tasks: TaskActions;
  metrics: Metrics;
  maxBufferedBytes: number;
  logger: Logger;
}): LiveHub {
  const { auth, alerts, tasks, metrics } = deps;
  const logger = deps.logger.child({ module: 'live-hub' });
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  const clients = new Set<WebSocket>();

  function send(socket: WebSocket, data: string): void {
    if (socket.readyState !== WebSocket.OPEN) return;
    if (socket.bufferedAmount > deps.maxBufferedBytes) {
      metrics.wsClientsDropped.inc();
      logger.warn({ buffered: socket.bufferedAmount }, 'slow dashboard dropped');
      socket.terminate();
      return;
    }
    socket.send(data);
  }

  // Events that happen while a new client's snapshot is being read are held for it and sent after the snapshot,
  // so the client never sees the snapshot overwrite a newer event.
  const awaitingSnapshot = new Map<WebSocket, string[]>();

  async function welcome(socket: WebSocket): Promise<void> {
    clients.add(socket);
    awaitingSnapshot.set(socket, []);
    metrics.wsClients.set(clients.size);
    socket.on('close', () => {
      clients.delete(socket);
      awaitingSnapshot.delete(socket);
      metrics.wsClients.set(clients.size);
    });
    socket.on('error', (err) => logger.warn({ err: err.message }, 'dashboard socket error'));
    const [openAlerts, openTasks] = await Promise.all([alerts.list('open', 1000), tasks.list('open', 1000)]);
    const snapshot: WsEvent = { type: 'snapshot', alerts: openAlerts, tasks: openTasks, at: new Date().toISOString() };
    send(socket, JSON.stringify(snapshot));
    const held = awaitingSnapshot.get(socket) ?? [];
    awaitingSnapshot.delete(socket);
    for (const data of held) send(socket, data);
  }

  async function onUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname !== '/ws') {
      socket.destroy();
      return;
    }
    const session = await auth.verify(url.searchParams.get('token') ?? '').catch(() => null);
    wss.handleUpgrade(request, socket, head, (ws) => {
      if (!session) {
        ws.close(WS_CLOSE_UNAUTHORISED, 'token missing or expired');
        return;
      }
      welcome(ws).catch((err: unknown) => {
        logger.error({ err }, 'snapshot failed');
        ws.terminate();
      });
    });
  }

  return {
    attach(server) {
      server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
        onUpgrade(request, socket, head).catch(() => socket.destroy());
      });
    },
    publish(event) {
      if (clients.size === 0) return;
      const data = JSON.stringify(event);
      for (const socket of clients) {
        const held = awaitingSnapshot.get(socket);
        if (held) held.push(data);
        else send(socket, data);
      }
    },
    async close() {
      for (const socket of clients) socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
