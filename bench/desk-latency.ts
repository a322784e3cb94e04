import WebSocket from 'ws';
import type { SosPress } from '../device-sim/src/load/load.types.js';
import { createLatencyHistogram, type LatencySummary } from './latency-histogram.js';

// The duty desk as the benchmark sees it: a websocket client of the live hub (/ws) that notes when each SOS alert
// arrives, matched afterwards with the moment the load worker handed the press to its socket. Both clocks are
// `performance.timeOrigin + performance.now()`, comparable between processes on one machine (load.types.ts).

/** A press whose alert has not reached the desk this long after it was sent is lost. */
export const LOST_AFTER_MS = 10_000;

const now = () => performance.timeOrigin + performance.now();

export async function login(httpUrl: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${httpUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw new Error(`login as ${username}: HTTP ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

/**
 * Resolves the alerts as the desk would ("no action needed": no follow-up visit is planned). An elder's second SOS
 * while the first is open only adds to its count, with no alert.raised, so a measurement that presses after another
 * on the same gateway must start with those alerts closed. Returns what could not be resolved.
 */
export async function resolveAlerts(httpUrl: string, token: string, alertIds: string[]): Promise<string[]> {
  const failures: string[] = [];
  for (const id of alertIds) {
    const response = await fetch(`${httpUrl}/api/v1/alerts/${encodeURIComponent(id)}/resolve`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ reason: 'no_action_needed', note: 'benchmark: closed before the next latency phase' }),
    });
    if (!response.ok) failures.push(`alert ${id}: HTTP ${response.status} ${await response.text()}`);
  }
  return failures;
}

export interface DeskLatencyResult {
  presses: number;
  /** Presses whose alert.raised reached the desk. */
  matched: number;
  /** Presses with no alert.raised within LOST_AFTER_MS: must be zero. */
  lost: number;
  /** Presses the device never saw acknowledged (no PUBACK). */
  unacknowledged: number;
  latency: LatencySummary | null;
  /** The live link dropped and was reconnected this many times (the hub drops a desk that reads too slowly). */
  reconnects: number;
}

export interface DeskLatencyRecorder {
  /** Pass as runLoad's onSos. */
  onSos(press: SosPress): void;
  /** Forget presses and arrivals: a new measurement starts. */
  reset(): void;
  /** Ids of the SOS alerts raised since the last reset, for closing them afterwards (resolveAlerts). */
  raisedAlertIds(): string[];
  /** Waits until every press is matched or lost, then summarises. */
  result(): Promise<DeskLatencyResult>;
  close(): void;
}

export async function connectDesk(httpUrl: string, token: string): Promise<DeskLatencyRecorder> {
  const url = `${httpUrl.replace(/^http/, 'ws')}/ws?token=${encodeURIComponent(token)}`;
  /** deviceId → arrival times of its SOS alerts. */
  let arrivals = new Map<string, number[]>();
  /** By msgId: a runner may report a press twice, when published and again when its PUBACK came. */
  let presses = new Map<string, SosPress>();
  let raised: string[] = [];
  let reconnects = 0;
  let closing = false;

  const onMessage = (data: WebSocket.RawData) => {
    // Timestamp first: parsing is the desk's cost, not the gateway's.
    const at = now();
    const text = String(data);
    // Most traffic is device.status and telemetry-driven alerts; skip the parse unless it can be an SOS raise.
    if (!text.includes('"alert.raised"')) return;
    const event = JSON.parse(text) as { type: string; alert?: { id: string; type: string; deviceId: string } };
    if (event.type !== 'alert.raised' || event.alert?.type !== 'sos') return;
    raised.push(event.alert.id);
    const list = arrivals.get(event.alert.deviceId);
    if (list) list.push(at);
    else arrivals.set(event.alert.deviceId, [at]);
  };

  const open = (): Promise<WebSocket> =>
    new Promise((resolve, reject) => {
      const socket = new WebSocket(url);
      socket.on('message', onMessage);
      socket.once('open', () => resolve(socket));
      socket.once('error', reject);
      socket.once('close', () => {
        if (closing) return;
        reconnects += 1;
        void open().then((s) => (current = s), () => undefined);
      });
    });
  let current = await open();

  return {
    onSos(press) {
      // Kept by reference: the runner sets ackedAt on the same object when the PUBACK comes.
      const known = presses.get(press.msgId);
      if (!known) presses.set(press.msgId, press);
      else if (press.ackedAt !== undefined) known.ackedAt = press.ackedAt;
    },
    reset() {
      arrivals = new Map();
      presses = new Map();
      raised = [];
      reconnects = 0;
    },
    raisedAlertIds: () => [...raised],
    async result() {
      const all = [...presses.values()];
      const lastSent = all.reduce((max, p) => Math.max(max, p.sentAt), 0);
      const arrivalFor = (p: SosPress) => arrivals.get(p.deviceId)?.find((at) => at >= p.sentAt);
      while (all.some((p) => arrivalFor(p) === undefined) && now() < lastSent + LOST_AFTER_MS) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const histogram = createLatencyHistogram();
      let matched = 0;
      for (const press of all) {
        const at = arrivalFor(press);
        if (at === undefined || at - press.sentAt > LOST_AFTER_MS) continue;
        matched += 1;
        histogram.record(at - press.sentAt);
      }
      return {
        presses: all.length,
        matched,
        lost: all.length - matched,
        unacknowledged: all.filter((p) => p.ackedAt === undefined).length,
        latency: histogram.summary(),
        reconnects,
      };
    },
    close() {
      closing = true;
      current.close();
    },
  };
}
