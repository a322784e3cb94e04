import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { WebSocket, WebSocketServer } from 'ws';
import type { WsEvent } from '../../../../schemas/index.js';
import { DESK_ROLES, inScope, type Access } from '../../app/access.js';
import type { AlertService } from '../../app/alerts/alert.service.js';
import type { RegionDirectory } from '../../app/directories/region-directory.js';
import type { TaskService } from '../../app/tasks/task.service.js';
import type { SessionRecord } from '../../app/ports/store/accounts.port.js';
import type { AuthService } from '../../app/people/auth.service.js';
import type { DeskBeat } from '../../app/alerts/desk-watch.js';
import type { SessionRevocations } from '../../app/directories/session-revocations.js';
import type { LiveEvents } from '../../app/ports/live-events.port.js';
import type { ConnectionMetrics } from '../../app/ports/metrics.port.js';

// The live hub: dashboards and responders' phones connect to /ws?token=..., get a snapshot of the open alerts and
// tasks of their region, then every change in their region. Each event is serialised once. A client whose unsent
// bytes pile up past the limit is dropped; it reconnects and gets a fresh snapshot, and it never slows the ingest
// path or the other clients. The hub also tells the desk watch which regions open desks watch, and sends each client
// the heartbeat counted for it: the life-safety alarms it may see, the desks that watch its region.
// A session that ends early (logout, revoked, new password, disabled account) closes its sockets at once; every
// SESSION_RECHECK_MS the sessions of open sockets are read again too, in case such news from another instance was lost.

/** Close code for a missing or expired token; the dashboard goes back to its login. */
export const WS_CLOSE_UNAUTHORISED = 4401;

/** How often connections are checked for expired login tokens. */
const TOKEN_SWEEP_MS = 5_000;
/** How often the sessions of open connections are read again from the store. */
const SESSION_RECHECK_MS = 30_000;

export interface LiveHub extends LiveEvents {
  attach(server: Server): void;
  /** The region path of each desk-role connection open now (operators, supervisors, admins). */
  deskPaths(): string[];
  /** Sends each client the heartbeat counted for it. */
  heartbeat(beat: DeskBeat): void;
  /** Sends every client a fresh snapshot: what another instance committed but could not announce is in it. */
  refreshAll(): void;
  close(): Promise<void>;
}

/**
 * A responder's phone gets the alerts dispatched to them and their community's tasks, not the rest of the desk's
 * alarms (names and addresses of other elders stay off other people's phones). An alert they declined or that was
 * taken off them stops arriving; their own action's reply already told their page.
 */
function forResponder(event: Parameters<LiveEvents['publish']>[0], userId: string): boolean {
  switch (event.type) {
    // The telephone is the desk's: a ringing call and an overdue complaint are not a responder's work.
    case 'alert.raised':
    case 'alert.escalated':
    case 'call.incoming':
    case 'complaint.overdue':
      return false;
    case 'alert.updated':
      return event.alert.assignee?.id === userId;
    default:
      return true;
  }
}

/**
 * A client's own counts: the open life-safety alarms it may see (a desk: its region's; a responder: those dispatched
 * to them) and the desks whose region overlaps its own (they watch some or all of it). Nothing of other regions.
 */
function heartbeatCounts(beat: DeskBeat, access: Access): { openLifeSafety: number; desksWatching: number } {
  const openLifeSafety =
    access.role === 'responder'
      ? beat.lifeSafety.filter((a) => a.assigneeId === access.userId).length
      : beat.lifeSafety.filter((a) => inScope(access, a.regionPath)).length;
  const desksWatching = beat.deskPaths.filter((p) => p.startsWith(access.regionPath) || access.regionPath.startsWith(p)).length;
  return { openLifeSafety, desksWatching };
}

/** The region an event is about; the store's state is for everybody. */
function regionOf(event: Parameters<LiveEvents['publish']>[0]): string | null {
  switch (event.type) {
    case 'alert.raised':
    case 'alert.updated':
      return event.alert.elder.regionId;
    case 'task.created':
    case 'task.updated':
      return event.task.elder.regionId;
    case 'device.status':
      return event.device.regionId;
    case 'alert.escalated':
    case 'complaint.overdue':
      return event.regionId;
    // Nobody's number matched: every desk hears it ring.
    case 'call.incoming':
      return event.regionId;
    case 'store.status':
      return null;
  }
}

export function createLiveHub(deps: {
  auth: Pick<AuthService, 'verify' | 'stillValid'>;
  revocations: SessionRevocations;
  /** Only what a snapshot reads. */
  alerts: Pick<AlertService, 'openForSnapshot'>;
  tasks: Pick<TaskService, 'list'>;
  regions: RegionDirectory;
  metrics: ConnectionMetrics;
  maxBufferedBytes: number;
  /** What a client must hear right after its snapshot besides the snapshot itself (a failing store). */
  statusEvents?: () => WsEvent[];
  /** The gateway's clock: a connection ends when its login token expires. */
  clock?: () => number;
  logger: Logger;
}): LiveHub {
  const { auth, alerts, tasks, regions, metrics } = deps;
  const logger = deps.logger.child({ module: 'live-hub' });
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  const clients = new Map<WebSocket, SessionRecord>();
  /** When each connection's login token expires; the sweep ends it then, as REST would refuse the token. */
  const expiresAt = new Map<WebSocket, number>();
  const clock = deps.clock ?? Date.now;
  let lastRecheckAt = clock();
  const expirySweep = setInterval(() => {
    const now = clock();
    for (const [socket, at] of expiresAt) if (at <= now) socket.close(WS_CLOSE_UNAUTHORISED, 'token expired');
    if (now - lastRecheckAt < SESSION_RECHECK_MS) return;
    lastRecheckAt = now;
    for (const [socket, session] of clients) {
      auth.stillValid(session).then(
        (valid) => {
          if (!valid) socket.close(WS_CLOSE_UNAUTHORISED, 'session ended');
        },
        (err: unknown) => logger.warn({ err }, 'session recheck failed; the socket stays until the next one'),
      );
    }
  }, TOKEN_SWEEP_MS);
  expirySweep.unref();
  deps.revocations.subscribe(({ userId, sessionIds }) => {
    for (const [socket, session] of clients) {
      if (session.userId === userId && sessionIds.includes(session.sessionId)) socket.close(WS_CLOSE_UNAUTHORISED, 'session ended');
    }
  });

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

  async function welcome(socket: WebSocket, access: SessionRecord): Promise<void> {
    clients.set(socket, access);
    metrics.wsClients.set(clients.size);
    socket.on('close', () => {
      clients.delete(socket);
      awaitingSnapshot.delete(socket);
      metrics.wsClients.set(clients.size);
    });
    socket.on('error', (err) => logger.warn({ err: err.message }, 'dashboard socket error'));
    await sendSnapshot(socket, access);
  }

  async function sendSnapshot(socket: WebSocket, access: Access): Promise<void> {
    if (awaitingSnapshot.has(socket)) return;
    awaitingSnapshot.set(socket, []);
    const open = { status: 'open', mine: false, limit: 1000 } as const;
    const [openAlerts, openTasks] = await Promise.all([alerts.openForSnapshot(access, open.limit), tasks.list(access, open)]);
    const snapshot: WsEvent = { type: 'snapshot', alerts: openAlerts, tasks: openTasks.items, at: new Date().toISOString() };
    send(socket, JSON.stringify(snapshot));
    for (const status of deps.statusEvents?.() ?? []) send(socket, JSON.stringify(status));
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
      expiresAt.set(ws, session.expiresAt);
      ws.on('close', () => expiresAt.delete(ws));
      welcome(ws, session).catch((err: unknown) => {
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
    refreshAll() {
      for (const [socket, access] of clients) {
        sendSnapshot(socket, access).catch((err: unknown) => {
          logger.error({ err }, 'snapshot failed');
          socket.terminate();
        });
      }
    },
    deskPaths() {
      const paths: string[] = [];
      for (const access of clients.values()) if (DESK_ROLES.includes(access.role)) paths.push(access.regionPath);
      return paths;
    },
    heartbeat(beat) {
      const at = new Date(beat.at).toISOString();
      for (const [socket, access] of clients) {
        if (awaitingSnapshot.has(socket)) continue;
        send(socket, JSON.stringify({ type: 'heartbeat', at, ...heartbeatCounts(beat, access) } satisfies WsEvent));
      }
    },
    publish(event) {
      if (clients.size === 0) return;
      const data = JSON.stringify(event);
      const regionId = regionOf(event);
      const path = regionId === null ? null : (regions.pathOf(regionId) ?? '');
      for (const [socket, access] of clients) {
        // An alert dispatched to a responder, and its visit and follow-up tasks, reach them even from a neighbouring
        // community of their town.
        const dispatchedToThem =
          access.role === 'responder' &&
          ((event.type === 'alert.updated' && event.alert.assignee?.id === access.userId) ||
            ((event.type === 'task.created' || event.type === 'task.updated') && event.task.assignee?.id === access.userId));
        if (path !== null && !inScope(access, path) && !dispatchedToThem) continue;
        if (access.role === 'responder' && !forResponder(event, access.userId)) continue;
        // Complaints are the supervisors' to chase (issue 19: an overdue complaint is flagged to supervisors).
        if (event.type === 'complaint.overdue' && access.role === 'operator') continue;
        const held = awaitingSnapshot.get(socket);
        if (held) held.push(data);
        else send(socket, data);
      }
    },
    async close() {
      clearInterval(expirySweep);
      for (const socket of clients.keys()) socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
