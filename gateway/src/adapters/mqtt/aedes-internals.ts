import type { Aedes, PublishPacket } from 'aedes';

// Every place the gateway relies on something of aedes 1.x that its type definitions do not promise, in one file:
// - `broker.clients`, the sessions by client id (lib/aedes.js): which session is a device's current one, and ending it;
// - `broker.publish(packet, client, done)`, the three-argument form aedes's own PUBLISH handler calls
//   (lib/handlers/publish.js), which uplink-fan-out.ts replaces;
// - `broker.persistence`, the aedes-persistence instance whose incoming-store methods qos2-outstanding.ts wraps.
// `checkAedesInternals` runs at start and refuses to start on an aedes whose shape differs;
// tests/unit/aedes-internals.test.ts checks the same on the installed aedes, so an upgrade that changes any of these
// fails the tests, not a county's night.

/** The publish form aedes's PUBLISH handler calls: with the sending client (an object) and a callback. */
export type PublishWithClient = (packet: PublishPacket, client: unknown, done?: (err?: Error) => void) => void;

/** A session of `broker.clients`, as far as the gateway uses it. */
export interface BrokerSession {
  close(): void;
}

interface AedesInternals {
  clients: Record<string, BrokerSession | undefined>;
  publish: PublishWithClient;
  persistence?: Record<string, unknown>;
}

const internalsOf = (broker: Aedes): AedesInternals => broker as unknown as AedesInternals;

/** What is missing from this aedes of what the gateway relies on; empty when it has everything. */
export function missingAedesInternals(broker: Aedes): string[] {
  const b = internalsOf(broker);
  const missing: string[] = [];
  if (typeof b.clients !== 'object' || b.clients === null) missing.push('broker.clients');
  if (typeof b.publish !== 'function') missing.push('broker.publish');
  for (const method of ['incomingStorePacket', 'incomingDelPacket', 'cleanIncoming']) {
    if (typeof b.persistence?.[method] !== 'function') missing.push(`broker.persistence.${method}`);
  }
  return missing;
}

/** Refuses to go on with an aedes that lacks what the gateway relies on. */
export function checkAedesInternals(broker: Aedes): void {
  const missing = missingAedesInternals(broker);
  if (missing.length > 0) throw new Error(`this aedes lacks what the gateway relies on: ${missing.join(', ')} (adapters/mqtt/aedes-internals.ts)`);
}

/** The device's current session, if it has one. */
export const sessionOf = (broker: Aedes, clientId: string): BrokerSession | undefined => internalsOf(broker).clients[clientId];

/** Puts `wrap(original)` in place of the broker's publish. */
export function replacePublish(broker: Aedes, wrap: (original: PublishWithClient) => PublishWithClient): void {
  const b = internalsOf(broker);
  b.publish = wrap(b.publish.bind(broker));
}

/** The broker's persistence (aedes-persistence), for the QoS 2 bound. */
export const persistenceOf = (broker: Aedes): Record<string, unknown> | undefined => internalsOf(broker).persistence;

/** A packet as aedes's parser hands it on, as far as the gateway looks at it before aedes does. */
export interface IncomingPacket {
  cmd: string;
  subscriptions?: Array<{ topic: string; qos: number }>;
}

/**
 * Calls `see` with every packet a connection sends, before aedes handles it: a listener put first on the client's
 * parser (`client._parser`, lib/client.js). aedes builds a SUBACK from the QoS asked for before authorizeSubscribe
 * runs (lib/handlers/subscribe.js, SubState), so a lower grant can only be made here. False when the client has no
 * such parser (another aedes): nothing is seen, the caller warns, and tests/integration/device-feedback.test.ts fails.
 * Never throws: it runs in the listener's connection handler.
 */
export function beforeAedesHandles(client: unknown, see: (packet: IncomingPacket) => void): boolean {
  const parser = (client as { _parser?: { prependListener?: unknown } } | null)?._parser;
  if (typeof parser?.prependListener !== 'function') return false;
  (parser as { prependListener(event: 'packet', listener: (packet: IncomingPacket) => void): void }).prependListener('packet', see);
  return true;
}

/** A QoS 1 or 2 message the broker is about to write to a client, with the packet id the client will acknowledge. */
export interface OutgoingQos {
  topic: string;
  payload: unknown;
  messageId: number;
}

/**
 * Calls `see` with every QoS 1/2 message aedes writes to this client, and the packet id it gave it, so that a PUBACK
 * can be matched to what it acknowledges. aedes 1.x keeps no record of that for a clean session (its 'ack' event then
 * carries no packet): `client.deliverQoS` (lib/client.js), which SUBSCRIBE reads when a subscription is made, builds a
 * QoSPacket in a setImmediate and takes the id from `client._nextId` (lib/qos-packet.js). Wrapped before the client's
 * first packet, our own setImmediate runs right after aedes's, when `_nextId` has just moved past the id it took.
 * False when the client lacks either (another aedes): nothing is seen, and tests/integration/device-commands.test.ts
 * (PUBACK → delivered) fails.
 */
export function watchOutgoingQos(client: unknown, see: (outgoing: OutgoingQos) => void): boolean {
  const c = client as { deliverQoS?: unknown; _nextId?: unknown } | null;
  if (typeof c?.deliverQoS !== 'function' || typeof c._nextId !== 'number') return false;
  const internals = c as { deliverQoS: (packet: { topic: string; payload: unknown; qos: number; messageId?: number }, cb: unknown) => void; _nextId: number };
  const original = internals.deliverQoS;
  internals.deliverQoS = function deliverQoS(packet, cb) {
    original.call(this, packet, cb);
    // A message from a persistent session's queue keeps the id it has (and aedes's 'ack' names it).
    if (packet.qos === 0 || packet.messageId) return;
    setImmediate(() => {
      const messageId = internals._nextId === 1 ? 65535 : internals._nextId - 1;
      see({ topic: packet.topic, payload: packet.payload, messageId });
    });
  };
  return true;
}
