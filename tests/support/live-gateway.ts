import { afterAll, beforeAll } from 'vitest';
import { connectLive, type LiveClient } from './live-client.js';
import { startTestGateway, type TestGateway } from './test-gateway.js';

// A real gateway and a live-hub client for a whole test file: started before its first test, closed after its last.

export interface LiveGateway {
  /** The gateway, set once beforeAll has started it (read it inside tests and hooks). */
  gw: TestGateway;
  /** A websocket client of its live hub, logged in as the admin, recording every event. */
  live: LiveClient;
}

/** Registers the file's beforeAll/afterAll; call it at the top level of a test file (or a describe). */
export function useLiveGateway(overrides: Parameters<typeof startTestGateway>[0] = {}): LiveGateway {
  const suite = {} as LiveGateway; // filled in by beforeAll

  beforeAll(async () => {
    suite.gw = await startTestGateway(overrides);
    suite.live = await connectLive(suite.gw.httpUrl, suite.gw.adminToken);
  });
  afterAll(async () => {
    suite.live?.close();
    await suite.gw?.close();
  });

  return suite;
}
