// The live link: one websocket to /ws, reconnected with backoff 1 s, 2 s, 4 s … 15 s.
// Every (re)connect starts with a snapshot, so nothing missed while down stays missing.
// The gateway sends a heartbeat every 5 s; a socket that stays silent much longer than that is taken for dead
// (a half-open TCP connection, after a laptop sleeps or a NAT forgets it, never closes by itself) and replaced.

const CLOSE_TOKEN_REJECTED = 4401;
const BACKOFF_MIN_MS = 1000;
const BACKOFF_MAX_MS = 15000;

/**
 * @param {object} opts
 * @param {string} opts.token
 * @param {(event: object, how: {replayed: boolean}) => void} opts.onEvent
 *        every parsed message; events that came before the snapshot are replayed after it
 * @param {(state: {up: boolean, retryAt: number | null}) => void} opts.onLink
 * @param {() => void} opts.onTokenRejected             close code 4401
 * @param {() => Promise<boolean>} [opts.checkToken]    asked when the socket is refused before it opens
 * @param {number} [opts.silenceMs]   no message at all for this long: drop the socket and reconnect (0: never)
 * @returns {{ close(): void }}
 */
export function openLiveLink({ token, onEvent, onLink, onTokenRejected, checkToken, silenceMs = 0 }) {
  let socket = null;
  let timer = null;
  let silenceTimer = null;
  let delay = BACKOFF_MIN_MS;
  let stopped = false;

  /** Restarted by every message; when it fires, the socket is abandoned (its late close event is ignored). */
  function watchSilence(ws) {
    clearTimeout(silenceTimer);
    silenceTimer = null;
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

  function url() {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    return `${scheme}://${location.host}/ws?token=${encodeURIComponent(token)}`;
  }

  function connect() {
    timer = null;
    if (stopped) return;
    let opened = false;
    let early = [];
    const ws = new WebSocket(url());
    socket = ws;

    ws.addEventListener('open', () => {
      opened = true;
      watchSilence(ws);
    });

    ws.addEventListener('message', (msg) => {
      if (socket !== ws) return;
      watchSilence(ws);
      let event;
      try {
        event = JSON.parse(msg.data);
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

    ws.addEventListener('close', async (ev) => {
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

  function scheduleReconnect() {
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
