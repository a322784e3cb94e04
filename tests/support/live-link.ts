import type { Page, WebSocketRoute } from 'playwright-core';

export interface LiveLink {
  /** How many times the page has opened /ws. */
  readonly connections: number;
  /** While on, new /ws connections are refused (closed with 1011). */
  refuse(on: boolean): void;
  /** Holds the gateway's events (heartbeats included) back from the page. */
  hold(): void;
  /** Sends the held events on, in order, and stops holding. */
  release(): void;
  /** Drops the current connection (1011). */
  drop(): Promise<void>;
}

/**
 * Puts Playwright between the page and the gateway's /ws: it can refuse connections, drop the current one, and hold
 * server events back (released in order later). Everything else passes through unchanged. Call it before the page loads.
 */
export async function interceptLiveLink(page: Page): Promise<LiveLink> {
  const link = { connections: 0, refuse: false, holding: false, held: [] as Array<() => void>, current: null as WebSocketRoute | null };
  await page.routeWebSocket(
    (url) => url.pathname === '/ws',
    (ws) => {
      link.connections += 1;
      if (link.refuse) {
        void ws.close({ code: 1011, reason: 'refused by test' });
        return;
      }
      link.current = ws;
      const server = ws.connectToServer();
      server.onMessage((message) => {
        if (link.holding) link.held.push(() => ws.send(message));
        else ws.send(message);
      });
    },
  );
  return {
    get connections() {
      return link.connections;
    },
    refuse(on: boolean) {
      link.refuse = on;
    },
    hold() {
      link.holding = true;
    },
    release() {
      link.holding = false;
      for (const send of link.held.splice(0)) send();
    },
    async drop() {
      await link.current?.close({ code: 1011, reason: 'dropped by test' });
    },
  };
}
