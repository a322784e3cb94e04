import type { Logger } from 'pino';
import type { DeviceCommandPublisher } from '../../app/ports/device-command-publisher.port.js';
import type { ClusterLink } from '../../app/ports/cluster.port.js';
import type { Ingest } from '../../app/ingest/ingest-device-message.js';
import type { Metrics } from '../../app/ports/metrics.port.js';
import { openConsumerSet, type BrokerClientOptions, type ConsumerSet } from './broker-client.js';
import { startConsumerStandIns } from './consumer-stand-in.js';

// The gateway's side of an external broker: this instance's own consumer sessions and, when it leads, the sessions
// of instances that are down (consumer-stand-in.ts). Membership comes first: an instance that is starting waits
// until whoever served its sessions has handed them back, so two connections never fight over one session.

const STAND_IN_CHECK_MS = 1000;

export interface ExternalBroker extends DeviceCommandPublisher {
  port: number;
  isConnected(): boolean;
  close(): Promise<void>;
}

export async function startExternalBroker(
  deps: { ingest: Ingest; metrics: Metrics; cluster: ClusterLink; onMemberLost: (instanceId: string) => void; logger: Logger },
  options: BrokerClientOptions,
): Promise<ExternalBroker> {
  const { cluster } = deps;
  const logger = deps.logger.child({ module: 'external-broker' });
  let own: ConsumerSet | null = null;
  let closing = false;

  async function consumeOwn(): Promise<void> {
    await cluster.join(options.consumers);
    own = await openConsumerSet(deps, options, () => {
      // Somebody serves our sessions although we live: our membership lapsed (a lost database connection). Take
      // them back the orderly way.
      if (closing) return;
      logger.warn('own broker sessions taken over; joining again');
      const previous = own;
      own = null;
      void previous
        ?.close()
        .then(consumeOwn)
        .catch((err: unknown) => logger.error({ err }, 'rejoining failed'));
    });
  }
  await consumeOwn();

  const standIns = startConsumerStandIns({
    cluster,
    open: (member, onTakenOver) => openConsumerSet(deps, { ...options, instanceId: member.instanceId, consumers: member.consumers }, onTakenOver),
    onMemberLost: deps.onMemberLost,
    everyMs: STAND_IN_CHECK_MS,
    logger: deps.logger,
  });

  return {
    port: Number(new URL(options.url).port || 1883),
    isConnected: () => own?.isConnected() ?? false,
    // Through this instance's own consumers: the instance that committed a change tells the device (device-feedback.ts).
    async publish(deviceId, payload) {
      if (!own) throw new Error('not connected to the broker');
      await own.publish(deviceId, payload);
    },
    async close() {
      closing = true;
      await standIns.stop();
      await own?.close();
    },
  };
}
