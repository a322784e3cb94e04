import type { Logger } from 'pino';
import type { ClusterLink, ClusterMember } from '../../app/ports/cluster.port.js';
import type { ConsumerSet } from './broker-client.js';

// Measured with Mosquitto 2.0.11 (docs/external-broker.md): a shared subscription keeps handing a dead member's
// persistent session its turn, and keeps what that member had not acknowledged. Left alone, every second alarm
// would wait in the session of an instance that is down, and be dropped when the session expires. So the leader
// serves a lost instance's sessions itself (it connects with the same client ids, and the broker hands it the
// queued and unacknowledged messages) until the instance is back and asks for them (a `reclaim` message), or
// connects and takes them over.

export function startConsumerStandIns(deps: {
  cluster: ClusterLink;
  open: (member: ClusterMember, onTakenOver: () => void) => Promise<ConsumerSet>;
  /** A lost instance may have committed alerts it never announced: the desks should read afresh. */
  onMemberLost: (instanceId: string) => void;
  everyMs: number;
  logger: Logger;
}) {
  const { cluster } = deps;
  const logger = deps.logger.child({ module: 'consumer-stand-in' });
  const serving = new Map<string, Promise<ConsumerSet | null>>();
  let checking = false;
  let stopped = false;

  async function release(instanceId: string, why: string): Promise<void> {
    const set = serving.get(instanceId);
    if (!set) return;
    serving.delete(instanceId);
    // At once: the owner is waiting to connect, and what is under way here is not acknowledged, so it goes to the owner.
    await (await set)?.close({ now: true });
    await cluster.handBack(instanceId);
    logger.info({ instanceId, why }, 'sessions handed back');
  }

  function serve(member: ClusterMember): void {
    logger.warn({ instanceId: member.instanceId, consumers: member.consumers }, 'instance lost; serving its broker sessions');
    deps.onMemberLost(member.instanceId);
    const set = deps
      .open(member, () => void release(member.instanceId, 'taken over by the instance').catch(() => undefined))
      .catch(async (err: unknown) => {
        logger.error({ err, instanceId: member.instanceId }, 'could not serve the lost instance; trying again');
        serving.delete(member.instanceId);
        await cluster.handBack(member.instanceId);
        return null;
      });
    serving.set(member.instanceId, set);
  }

  async function check(): Promise<void> {
    if (checking || stopped) return;
    checking = true;
    try {
      if (await cluster.isLeader()) for (const member of await cluster.takeOverLostMembers()) serve(member);
    } catch (err) {
      logger.error({ err }, 'checking for lost instances failed');
    } finally {
      checking = false;
    }
  }

  cluster.subscribe(({ message }) => {
    if (message.kind === 'reclaim' && serving.has(message.instanceId)) {
      release(message.instanceId, 'the instance is back').catch((err: unknown) => logger.error({ err }, 'hand-back failed'));
    }
  });
  const timer = setInterval(() => void check(), deps.everyMs);
  timer.unref();

  return {
    async stop(): Promise<void> {
      stopped = true;
      clearInterval(timer);
      await Promise.all([...serving.keys()].map((id) => release(id, 'this instance stops')));
    },
  };
}
