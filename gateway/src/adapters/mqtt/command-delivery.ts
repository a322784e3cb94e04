import type { Aedes, Client } from 'aedes';
import type { Logger } from 'pino';
import { deviceCommandsTopic } from '../../../../schemas/index.js';
import { beforeAedesHandles, sessionOf, watchOutgoingQos } from './aedes-internals.js';

// What the in-process broker tells the device commands (app/device-commands/command-sender.ts), from aedes's public
// events only:
// - a PUBACK from the device [MQTT-4.3.2]: for a clean session aedes keeps no record of what it acknowledges (its
//   'ack' event then has no packet), so each connection's outgoing QoS 1 commands are noted with their packet ids
//   (aedes-internals.ts, watchOutgoingQos) and its PUBACKs matched to them; for a persistent session's queued
//   messages, aedes's 'ack' names the packet. The payload names the command (commandId); feedback has none.
// - 'subscribe': the device subscribed to its commands topic (also emitted when aedes restores a persistent session's
//   subscriptions, before the CONNACK): from then on a command reaches it. It is sent what waits once it is ready
//   ('clientReady', after the CONNACK), never before.
// - 'unsubscribe' and 'clientDisconnect': it no longer takes commands; what it had not acknowledged goes again later.

export interface CommandDeliveryEvents {
  delivered(deviceId: string, commandId: string): void;
  /** Subscribed and connected: send what is queued. */
  ready(deviceId: string): void;
  /** The device's current session ended. */
  gone(deviceId: string): void;
}

/** The commandId of a command we published, or null for anything else (feedback, a rejection, not JSON). */
function commandIdOf(payload: unknown): string | null {
  if (!Buffer.isBuffer(payload)) return null;
  try {
    const parsed = JSON.parse(payload.toString('utf8')) as { commandId?: unknown };
    return typeof parsed.commandId === 'string' ? parsed.commandId : null;
  } catch {
    return null;
  }
}

/** Commands written to one connection and not yet acknowledged, by packet id; bounded, a device that never acks loses the oldest. */
const MAX_UNACKED = 256;

export function watchCommandDelivery(
  broker: Aedes,
  events: CommandDeliveryEvents,
  logger: Logger,
): { isReady(deviceId: string): boolean; track(client: unknown): boolean } {
  // By session, not by device id: a device that reconnects with a clean session is not subscribed until it says so.
  const subscribed = new WeakSet<Client>();
  const readyClients = new WeakSet<Client>();
  const guard = (what: string, run: () => void): void => {
    try {
      run();
    } catch (err) {
      // Nothing throws into the broker: the command waits for the next flush or expires.
      logger.warn({ err, what }, 'command delivery event not handled');
    }
  };

  broker.on('ack', (packet, client) =>
    guard('ack', () => {
      if (!client || packet.cmd !== 'publish' || packet.topic !== deviceCommandsTopic(client.id)) return;
      const commandId = commandIdOf(packet.payload);
      if (commandId !== null) events.delivered(client.id, commandId);
    }),
  );
  broker.on('subscribe', (subscriptions, client) =>
    guard('subscribe', () => {
      if (!client || !subscriptions.some((s) => s.topic === deviceCommandsTopic(client.id))) return;
      subscribed.add(client);
      if (readyClients.has(client)) events.ready(client.id);
    }),
  );
  broker.on('clientReady', (client) =>
    guard('clientReady', () => {
      readyClients.add(client);
      if (subscribed.has(client)) events.ready(client.id);
    }),
  );
  broker.on('unsubscribe', (topics, client) =>
    guard('unsubscribe', () => {
      if (client && topics.includes(deviceCommandsTopic(client.id))) subscribed.delete(client);
    }),
  );
  broker.on('clientDisconnect', (client) =>
    guard('clientDisconnect', () => {
      // A device that reconnected has a newer session under the same id: that one decides.
      const current = sessionOf(broker, client.id);
      if (current && current !== (client as unknown)) return;
      events.gone(client.id);
    }),
  );

  return {
    /** Call with each connection's client as aedes makes it, before its first packet. */
    track(client) {
      const unacked = new Map<number, string>();
      const writes = watchOutgoingQos(client, (out) =>
        guard('outgoing', () => {
          const id = (client as Client).id;
          if (!id || out.topic !== deviceCommandsTopic(id)) return;
          const commandId = commandIdOf(out.payload);
          if (commandId === null) return;
          unacked.set(out.messageId, commandId);
          if (unacked.size > MAX_UNACKED) unacked.delete(unacked.keys().next().value!);
        }),
      );
      const acks = beforeAedesHandles(client, (packet) =>
        guard('puback', () => {
          if (packet.cmd !== 'puback') return;
          const messageId = (packet as { messageId?: number }).messageId;
          const commandId = messageId === undefined ? undefined : unacked.get(messageId);
          if (commandId === undefined) return;
          unacked.delete(messageId!);
          events.delivered((client as Client).id, commandId);
        }),
      );
      return writes && acks;
    },
    isReady(deviceId) {
      const session = sessionOf(broker, deviceId) as Client | undefined;
      return session !== undefined && subscribed.has(session) && readyClients.has(session);
    },
  };
}
