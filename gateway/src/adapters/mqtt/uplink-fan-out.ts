import type { Aedes } from 'aedes';
import { parseDeviceTopic } from '../../../../schemas/index.js';
import { replacePublish, type PublishWithClient } from './aedes-internals.js';

// A device's message ends where it is admitted (admit-publish.ts): by the time aedes would pass it on, the gateway has
// validated, ruled and committed it. Nobody can be listening further on: a device may subscribe only to its own
// commands topic (device-access.ts) and nothing inside the gateway subscribes to device topics (docs/decisions/0001-in-process-broker.md).
// aedes would still run its fan-out for every message: a subscription lookup in its persistence, the emitter's topic
// match, the `published` hook, two promises and a dozen closures, all to find nobody. Device uplink topics skip it:
// under paced load (10,000 devices, 20,000 msg/s) aedes's own share of the profile fell by a quarter, about 1.5 µs a
// message. Anything else (a will on another topic, a test's own publish) goes through aedes as before.

export function endUplinkAtAdmission(broker: Aedes): void {
  replacePublish(broker, (fanOut): PublishWithClient => (packet, client, done) => {
    // From a connection (not the programmatic publish(packet, callback)) on a device's uplink topic: already consumed.
    if (typeof client === 'object' && client !== null && parseDeviceTopic(packet.topic)) {
      done?.();
      return;
    }
    fanOut(packet, client, done);
  });
}
