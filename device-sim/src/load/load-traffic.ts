import type { LiveDevice, LoadConnections } from './load-connections.js';
import { steadyMessage, sosPayload, trafficWeight } from './load-payloads.js';
import { preciseNow, type SosFailedReport, type SosReport, type SteadyCommand } from './load-protocol.js';

// The steady phase of one worker: the paced traffic of its devices, and the SOS presses it was given.
//   rate  a token bucket for this worker's share of the fleet's msgs/s, filled every few milliseconds and spent on the
//         devices in a weighted round robin (a watch speaks six times as often as a door sensor, load-payloads.ts)
//   max   a closed loop: every connection keeps `maxInflight` publishes outstanding and sends the next on each ack
// Nothing is sent after endAt; the acks still coming in are the drain, which the worker waits for.

export interface SteadyTraffic {
  /** Resolves at endAt, once nothing more will be sent (SOS acks may still be outstanding). */
  ended: Promise<void>;
  /** Stops early (SIGINT, parent gone): no more messages, no more presses. */
  stop(): void;
}

const TICK_MS = 5;
/** The bucket holds at most this much time's worth of tokens, so a stalled event loop does not turn into a burst. */
const BURST_MS = 100;
/** In rate mode a device with this many publishes unacked is skipped: the gateway is behind, queuing more only grows memory. */
const RATE_MAX_OUTSTANDING = 64;
/** In max mode, how often devices that fell out of the loop (connected late, a failed publish) are brought back. */
const MAX_SWEEP_MS = 250;

export function startSteadyTraffic(
  connections: LoadConnections,
  command: SteadyCommand,
  workerIndex: number,
  report: (message: SosReport | SosFailedReport) => void,
): SteadyTraffic {
  const { startAt, endAt, qos, maxInflight, runTag } = command;
  const devices = connections.devices;
  connections.steadyStartAt = startAt;
  connections.steadyEndAt = endAt;
  // Unique per device (all the protocol asks), and per run: runTag changes, the worker's counter never repeats.
  const msgIdPrefix = `${runTag}${workerIndex.toString(36)}-`;
  let sequence = 0;
  const nextMsgId = (): string => msgIdPrefix + (sequence++).toString(36);

  // The phase's fixed timers (start, end, presses), and the one repeating timer of the pacing loop.
  const timers: NodeJS.Timeout[] = [];
  let loopTimer: NodeJS.Timeout | undefined;
  let running = false;
  let finish: () => void = () => undefined;
  const ended = new Promise<void>((resolve) => (finish = resolve));

  const send = (device: LiveDevice, now: number): boolean => {
    const message = steadyMessage(device, nextMsgId(), now);
    return connections.publish(device, message.topic, message.payload, qos);
  };

  const stop = (): void => {
    running = false;
    connections.onAck = null;
    for (const timer of timers) clearTimeout(timer);
    timers.length = 0;
    clearTimeout(loopTimer);
    finish();
  };

  const begin = command.rate === 'max' ? closedLoop(maxInflight) : tokenBucket(command.rate);
  timers.push(setTimeout(() => {
    running = true;
    begin();
  }, Math.max(0, startAt - preciseNow())));
  timers.push(setTimeout(stop, Math.max(0, endAt - preciseNow())));
  for (const order of command.sos) timers.push(setTimeout(() => press(order.deviceId, order.msgId), Math.max(0, order.at - preciseNow())));

  return { ended, stop };

  function tokenBucket(rate: number): () => void {
    const order = sendOrder(devices);
    const burst = Math.max(1, (rate * BURST_MS) / 1000);
    let cursor = 0;
    let tokens = 0;
    let last = startAt;
    const nextSendable = (): LiveDevice | null => {
      for (let tries = 0; tries < order.length; tries += 1) {
        const device = devices[order[cursor]!]!;
        cursor = cursor + 1 === order.length ? 0 : cursor + 1;
        if (device.state === 'connected' && device.outstanding < RATE_MAX_OUTSTANDING) return device;
      }
      return null;
    };
    const tick = (): void => {
      if (!running) return;
      const now = preciseNow();
      if (now >= endAt) return;
      tokens = Math.min(tokens + ((now - last) * rate) / 1000, burst);
      last = now;
      while (tokens >= 1) {
        const device = nextSendable();
        if (!device) {
          tokens = 0;
          break;
        }
        send(device, now);
        tokens -= 1;
      }
      loopTimer = setTimeout(tick, TICK_MS);
    };
    return () => {
      if (order.length > 0) tick();
    };
  }

  function closedLoop(inflight: number): () => void {
    const ready: LiveDevice[] = [];
    let pumpScheduled = false;
    // At most `inflight` per call: at QoS 0 the write callback can come back inside publish() itself.
    const fill = (device: LiveDevice, now: number): void => {
      for (let k = 0; k < inflight && device.outstanding < inflight && device.state === 'connected'; k += 1) send(device, now);
    };
    const pump = (): void => {
      pumpScheduled = false;
      const now = preciseNow();
      if (running && now < endAt) for (const device of ready) fill(device, now);
      ready.length = 0;
    };
    const sweep = (): void => {
      if (!running) return;
      const now = preciseNow();
      if (now >= endAt) return;
      for (const device of devices) if (device.outstanding === 0) fill(device, now);
      loopTimer = setTimeout(sweep, MAX_SWEEP_MS);
    };
    return () => {
      connections.onAck = (device) => {
        if (!running) return;
        ready.push(device);
        if (!pumpScheduled) {
          pumpScheduled = true;
          setImmediate(pump);
        }
      };
      const now = preciseNow();
      for (const device of devices) fill(device, now);
      loopTimer = setTimeout(sweep, MAX_SWEEP_MS);
    };
  }

  function press(deviceId: string, msgId: string): void {
    const device = devices.find((d) => d.id === deviceId);
    let sentAt: number | null = null;
    if (device) {
      const onPuback = (ackedAt: number): void => report({ type: 'sos', deviceId, msgId, sentAt: sentAt ?? ackedAt, ackedAt });
      sentAt = connections.publishSos(device, sosPayload(msgId, preciseNow()), onPuback);
    }
    if (sentAt === null) {
      report({ type: 'sos-failed', deviceId, msgId, reason: device ? `device ${device.state}` : 'device not in this worker' });
      return;
    }
    report({ type: 'sos', deviceId, msgId, sentAt });
  }
}

/**
 * The weighted round robin: `rounds` passes over the devices (the largest weight), a device of weight w taking part
 * in w of them, spread evenly. Indexes into `devices`.
 */
function sendOrder(devices: LiveDevice[]): Int32Array {
  const weights = devices.map((d) => trafficWeight(d.kind));
  const rounds = weights.reduce((most, w) => Math.max(most, w), 1);
  const order: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    for (let i = 0; i < devices.length; i += 1) {
      const w = weights[i]!;
      // Device i is in this round when ⌊round·w/rounds⌋ steps up: exactly w of the rounds, evenly apart.
      if (Math.floor(((round + 1) * w) / rounds) !== Math.floor((round * w) / rounds)) order.push(i);
    }
  }
  return Int32Array.from(order);
}
