// The live link: one websocket to /ws, reconnected with backoff 1 s, 2 s, 4 s … 15 s.
// Every (re)connect starts with a snapshot, so nothing missed while down stays missing.
// The gateway sends a heartbeat every 5 s; a socket that stays silent much longer than that is taken for dead
// (a half-open TCP connection, after a laptop sleeps or a NAT forgets it, never closes by itself) and replaced.

import type { WsEvent } from '../../../schemas/index.js';

const CLOSE_TOKEN_REJECTED = 4401;
const BACKOFF_MIN_MS = 1000;
const BACKOFF_MAX_MS = 15000;

export interface LinkState {
  up: boolean;
  /** When the next attempt is made while down (epoch ms), or null. */
  retryAt: number | null;
}

export interface LiveLinkOptions {
  token: string;
  /** Every parsed message; events that came before the snapshot are replayed after it. */
  onEvent: (event: WsEvent, how: { replayed: boolean }) => void;
  onLink: (state: LinkState) => void;
  /** Close code 4401, or a refused upgrade whose token the REST API no longer accepts. */
  onTokenRejected: () => void;
  checkToken?: () => Promise<boolean>;
  /** No message at all for this long: drop the socket and reconnect (0: never). */
  silenceMs?: number;
}

export interface LiveLink {
  close(): void;
}

export function openLiveLink({ token, onEvent, onLink, onTokenRejected, checkToken, silenceMs = 0 }: LiveLinkOptions): LiveLink {
  let socket: WebSocket | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let silenceTimer: ReturnType<typeof setTimeout> | undefined;
  let delay = BACKOFF_MIN_MS;
  let stopped = false;

  /** Restarted by every message; when it fires, the socket is abandoned (its late close event is ignored). */
  function watchSilence(ws: WebSocket): void {
    clearTimeout(silenceTimer);
    if (!silenceMs || stopped) return;
    silenceTimer = setTimeout(() => {
      if (socket !== ws || stopped) return;
      socket = null;
      try {
        ws.close(4000, 'silent');
      } catch {
        // already closing
      }
      scheduleReconnect();
    }, silenceMs);
  }

  function url(): string {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    return `${scheme}://${location.host}/ws?token=${encodeURIComponent(token)}`;
  }

  function connect(): void {
    timer = null;
    if (stopped) return;
    let opened = false;
    let early: WsEvent[] | null = [];
    const ws = new WebSocket(url());
    socket = ws;

    ws.addEventListener('open', () => {
      opened = true;
      watchSilence(ws);
    });

    ws.addEventListener('message', (msg: MessageEvent) => {
      if (socket !== ws) return;
      watchSilence(ws);
      let event: WsEvent;
      try {
        event = JSON.parse(String(msg.data)) as WsEvent;
      } catch {
        return;
      }
      if (!event || typeof event.type !== 'string') return;
      if (early) {
        if (event.type !== 'snapshot') {
          // sent while the server was still reading the snapshot; it may be newer than the snapshot
          early.push(event);
          return;
        }
        const replay = early;
        early = null;
        // the link counts as up once the server has sent its state, not merely on open
        delay = BACKOFF_MIN_MS;
        onLink({ up: true, retryAt: null });
        onEvent(event, { replayed: false });
        for (const held of replay) onEvent(held, { replayed: true });
        return;
      }
      onEvent(event, { replayed: false });
    });

    ws.addEventListener('close', async (ev: CloseEvent) => {
      if (socket !== ws || stopped) return;
      socket = null;
      clearTimeout(silenceTimer);
      if (ev.code === CLOSE_TOKEN_REJECTED) {
        stopped = true;
        onTokenRejected();
        return;
      }
      // A refused upgrade (HTTP 401) surfaces as 1006 without open; ask the REST API whether the token died.
      if (!opened && checkToken && !(await checkToken())) {
        if (stopped) return;
        stopped = true;
        onTokenRejected();
        return;
      }
      if (stopped) return;
      scheduleReconnect();
    });
  }

  function scheduleReconnect(): void {
    const wait = delay;
    delay = Math.min(delay * 2, BACKOFF_MAX_MS);
    onLink({ up: false, retryAt: Date.now() + wait });
    timer = setTimeout(connect, wait);
  }

  connect();

  return {
    close() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      clearTimeout(silenceTimer);
      const ws = socket;
      socket = null;
      if (ws) ws.close(1000, 'logout');
    },
  };
}
