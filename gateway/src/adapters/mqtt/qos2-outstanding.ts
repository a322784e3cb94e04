import type { Aedes } from 'aedes';
import { persistenceOf } from './aedes-internals.js';

// How much a device may leave outstanding at QoS 2. aedes stores every incoming QoS 2 PUBLISH, payload and all, in its
// persistence before it sends the PUBREC, and deletes it only at the device's PUBREL (aedes 1.x,
// lib/handlers/publish.js and pubrel.js; [MQTT-4.3.3-2]). The store is keyed by client id, so with a persistent
// session what a device never releases stays across its reconnects: 160 PUBLISHes of 320 KB over a few reconnects
// held 51 MB. aedes's own bound (maxInflightInbound) counts per connection and is set to the same count, but a new
// connection starts it again at zero.
//
// This bound counts per device, across connections: outstanding messages and their bytes (payload and topic). A
// PUBLISH that would pass either is not stored, and the rejected store makes aedes close the connection with no
// PUBREC (MQTT 3.1.1 has no way to refuse one PUBLISH). The message was admitted before (admit-publish.ts runs in
// authorizePublish, ahead of the store), so a life-safety event still raises its alarm; the device only loses the
// connection it was misusing. A clean-session CONNECT clears the device's store, and its count, as aedes does.
//
// It wraps the three incoming-store methods of the broker's persistence, the documented aedes-persistence interface,
// here and nowhere else; startBroker fails at once if an aedes upgrade no longer has them
// (tests/integration/hostile-mqtt-memory.test.ts fails if aedes stops calling them).

export interface Qos2Limits {
  /** Messages a device may hold outstanding (stored, awaiting its PUBREL). */
  count: number;
  /** Payload and topic bytes of those messages together. */
  bytes: number;
}

interface StoredPacket {
  messageId?: number;
  topic: string;
  payload: Buffer | string;
}
interface ClientRef {
  id: string;
}
interface IncomingStore {
  incomingStorePacket(client: ClientRef, packet: StoredPacket): Promise<void>;
  incomingDelPacket(client: ClientRef, packet: StoredPacket): Promise<void>;
  cleanIncoming(client: ClientRef): Promise<void>;
}

export class Qos2OutstandingError extends Error {
  constructor(limits: Qos2Limits) {
    super(`QoS 2 messages awaiting PUBREL over the limit (${limits.count} messages, ${limits.bytes} bytes)`);
  }
}

interface Held {
  bytes: number;
  /** Bytes per outstanding message id. */
  sizes: Map<number, number>;
}

const sizeOf = (packet: StoredPacket): number =>
  (Buffer.isBuffer(packet.payload) ? packet.payload.length : Buffer.byteLength(packet.payload)) + Buffer.byteLength(packet.topic);

function incomingStoreOf(broker: Aedes): IncomingStore {
  const persistence = persistenceOf(broker) as Partial<IncomingStore> | undefined;
  if (
    typeof persistence?.incomingStorePacket !== 'function' ||
    typeof persistence.incomingDelPacket !== 'function' ||
    typeof persistence.cleanIncoming !== 'function'
  ) {
    throw new Error('aedes persistence without incomingStorePacket/incomingDelPacket/cleanIncoming: the QoS 2 bound cannot be applied');
  }
  return persistence as IncomingStore;
}

export interface Qos2Outstanding {
  /** What a device holds outstanding now. */
  of(deviceId: string): { count: number; bytes: number };
}

export function boundOutstandingQos2(broker: Aedes, limits: Qos2Limits, onExceeded: (deviceId: string) => void): Qos2Outstanding {
  const store = incomingStoreOf(broker);
  const storePacket = store.incomingStorePacket.bind(store);
  const delPacket = store.incomingDelPacket.bind(store);
  const cleanIncoming = store.cleanIncoming.bind(store);
  const held = new Map<string, Held>();

  function release(deviceId: string, messageId: number): void {
    const h = held.get(deviceId);
    const size = h?.sizes.get(messageId);
    if (!h || size === undefined) return;
    h.sizes.delete(messageId);
    h.bytes -= size;
    if (h.sizes.size === 0) held.delete(deviceId);
  }

  store.incomingStorePacket = async (client, packet) => {
    const messageId = packet.messageId ?? 0;
    const h = held.get(client.id) ?? { bytes: 0, sizes: new Map<number, number>() };
    // A retransmission of an id already stored replaces it (aedes stores by id), it does not add to it.
    const previous = h.sizes.get(messageId);
    const size = sizeOf(packet);
    const count = h.sizes.size + (previous === undefined ? 1 : 0);
    if (count > limits.count || h.bytes - (previous ?? 0) + size > limits.bytes) {
      onExceeded(client.id);
      throw new Qos2OutstandingError(limits);
    }
    // Reserved before the await: the packets of one socket read are stored concurrently.
    h.sizes.set(messageId, size);
    h.bytes += size - (previous ?? 0);
    held.set(client.id, h);
    try {
      await storePacket(client, packet);
    } catch (err) {
      release(client.id, messageId);
      throw err;
    }
  };
  store.incomingDelPacket = async (client, packet) => {
    try {
      await delPacket(client, packet);
    } finally {
      // Deleted, or it was not there: either way it is no longer held.
      release(client.id, packet.messageId ?? 0);
    }
  };
  store.cleanIncoming = async (client) => {
    await cleanIncoming(client);
    held.delete(client.id);
  };

  return {
    of(deviceId) {
      const h = held.get(deviceId);
      return { count: h?.sizes.size ?? 0, bytes: h?.bytes ?? 0 };
    },
  };
}
