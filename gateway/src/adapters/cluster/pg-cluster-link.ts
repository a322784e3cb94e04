import pg from 'pg';
import type { Logger } from 'pino';
import type { ClusterEnvelope, ClusterLink, ClusterMember, ClusterMessage } from '../../app/ports/cluster.port.js';

// The cluster link over PostgreSQL, the one engine every instance already shares (docs/scale-out.md):
// - messages: NOTIFY on one channel, batched per event-loop turn, sent in order over one connection; every instance
//   LISTENs and ignores its own. NOTIFY is not durable: an instance that is down misses messages, and reads the
//   store afresh when it starts.
// - exclusive work: a session advisory lock per key (one elder), held on a connection of a small lock pool.
// - leadership: a session advisory lock held for as long as the leader's connection lives. It only saves work:
//   a deadline claimed by two leaders at once still fires once, because the claim is part of the commit.
// - membership: each instance consuming from an external broker holds a lock of its own; when it dies, the lock is
//   free, and the leader takes it and serves the dead instance's broker sessions until it is back (the broker keeps
//   handing those sessions their share of the messages, so somebody must).

const CHANNEL = 'eldercare_cluster';
/** NOTIFY payloads are limited to 8,000 bytes. */
const MAX_PAYLOAD_BYTES = 7900;
/** Two-integer advisory keys (space, hashtext(name)) live apart from the one-bigint keys of the elder locks. */
const LEADER_LOCK_SPACE = 0x454c4452;
/** One per member instance: held by the instance while it lives, or by the leader while it serves its sessions. */
const MEMBER_LOCK_SPACE = 0x454c444d;
const RECONNECT_MS = 1000;
const JOIN_RETRY_MS = 200;
const RECLAIM_REPEAT_MS = 2000;
const JOIN_WARN_MS = 10_000;

export interface PgClusterOptions {
  instanceId: string;
  /** Connections for elder locks: at most this many elders are being decided at once on this instance. */
  lockConnections: number;
  logger: Logger;
}

export async function openPgClusterLink(url: string, options: PgClusterOptions): Promise<ClusterLink> {
  const { instanceId } = options;
  const logger = options.logger.child({ module: 'cluster-link' });
  const applicationName = `eldercare-${instanceId}`;
  const listeners: Array<(envelope: ClusterEnvelope) => void> = [];
  let closed = false;

  // ---- messages
  const publisher = new pg.Pool({ connectionString: url, max: 1, application_name: `${applicationName}-notify` });
  publisher.on('error', (err) => logger.warn({ err: err.message }, 'cluster publisher connection lost'));
  let pending: ClusterMessage[] = [];
  let sending: Promise<void> = Promise.resolve();

  function payloadsOf(messages: ClusterMessage[]): string[] {
    const payloads: string[] = [];
    let batch: string[] = [];
    let size = 0;
    const head = JSON.stringify({ from: instanceId, messages: [] }).length;
    for (const m of messages) {
      const text = JSON.stringify(m);
      if (head + text.length > MAX_PAYLOAD_BYTES) {
        logger.warn({ kind: m.kind, bytes: text.length }, 'cluster message too large; not sent');
        continue;
      }
      if (head + size + text.length + 1 > MAX_PAYLOAD_BYTES) {
        payloads.push(`{"from":${JSON.stringify(instanceId)},"messages":[${batch.join(',')}]}`);
        batch = [];
        size = 0;
      }
      batch.push(text);
      size += text.length + 1;
    }
    if (batch.length > 0) payloads.push(`{"from":${JSON.stringify(instanceId)},"messages":[${batch.join(',')}]}`);
    return payloads;
  }

  function flush(): void {
    const messages = pending;
    pending = [];
    sending = sending.then(async () => {
      for (const payload of payloadsOf(messages)) {
        try {
          await publisher.query('SELECT pg_notify($1, $2)', [CHANNEL, payload]);
        } catch (err) {
          if (!closed) logger.error({ err }, 'cluster message not sent; other instances may show stale data until they reload');
        }
      }
    });
  }

  // ---- listening, with reconnection
  let listener: pg.Client | null = null;
  async function listen(): Promise<void> {
    const client = new pg.Client({ connectionString: url, application_name: `${applicationName}-listen` });
    client.on('notification', (n) => {
      if (n.channel !== CHANNEL || !n.payload) return;
      let parsed: { from: string; messages: ClusterMessage[] };
      try {
        parsed = JSON.parse(n.payload) as typeof parsed;
      } catch {
        logger.warn('unreadable cluster message ignored');
        return;
      }
      if (parsed.from === instanceId) return;
      for (const message of parsed.messages) for (const l of listeners) l({ from: parsed.from, message });
    });
    const relisten = (reason: string) => {
      if (closed || listener !== client) return;
      listener = null;
      logger.error({ reason }, 'cluster listener lost; reconnecting');
      setTimeout(() => listen().catch((err: unknown) => relisten(String(err))), RECONNECT_MS).unref();
    };
    client.on('error', (err) => relisten(err.message));
    client.on('end', () => relisten('connection ended'));
    listener = client;
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
  }
  await listen();

  // ---- exclusive work per key
  const locks = new pg.Pool({ connectionString: url, max: options.lockConnections, application_name: `${applicationName}-locks` });
  locks.on('error', (err) => logger.warn({ err: err.message }, 'lock connection lost'));

  async function exclusive<T>(key: string, work: () => Promise<T>): Promise<T> {
    const client = await locks.connect();
    let broken = false;
    // The lock's connection is lent out while `work` runs; if it dies then, its 'error' must be heard here.
    const onError = () => (broken = true);
    client.on('error', onError);
    try {
      await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [key]);
      try {
        return await work();
      } finally {
        await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [key]).catch(() => {
          // The session is gone, and its locks with it; do not hand the connection back.
          broken = true;
        });
      }
    } finally {
      client.off('error', onError);
      client.release(broken);
    }
  }

  // ---- one session for leadership and membership: its locks live exactly as long as this connection
  let sessionClient: pg.Client | null = null;
  let leading = false;
  /** The consumers this instance joined with; null before join(). */
  let joinedWith: number | null = null;
  /** Members whose broker sessions this instance serves while they are down. */
  const standingIn = new Set<string>();

  async function session(): Promise<pg.Client> {
    if (sessionClient) return sessionClient;
    const client = new pg.Client({ connectionString: url, application_name: `${applicationName}-session` });
    const lost = () => {
      if (sessionClient !== client) return;
      logger.warn({ leading, standingIn: [...standingIn] }, 'cluster session lost: leadership and membership go with it');
      sessionClient = null;
      leading = false;
      standingIn.clear();
    };
    client.on('error', lost);
    client.on('end', lost);
    await client.connect();
    sessionClient = client;
    // Back after a lost connection: hold the membership again (if somebody took over our sessions meanwhile, the
    // broker hands them back when our consumers reconnect, and their stand-in stops).
    if (joinedWith !== null) await tryLock(client, MEMBER_LOCK_SPACE, instanceId);
    return client;
  }

  async function tryLock(client: pg.Client, space: number, key: string): Promise<boolean> {
    const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, hashtext($2)) AS ok', [space, key]);
    return rows[0]?.ok === true;
  }

  async function isLeader(): Promise<boolean> {
    if (closed) return false;
    if (leading && sessionClient) return true;
    try {
      const client = await session();
      const ok = await tryLock(client, LEADER_LOCK_SPACE, 'leader');
      if (ok && !leading) logger.info({ instanceId }, 'this instance leads (deadlines, stand-ins for lost instances)');
      leading = ok;
    } catch (err) {
      logger.warn({ err }, 'leadership check failed');
      leading = false;
    }
    return leading;
  }

  async function join(consumers: number): Promise<void> {
    let reclaimedAt = 0;
    const startedAt = Date.now();
    let warnedAt = startedAt;
    for (;;) {
      if (closed) return;
      // Whoever serves our sessions now hands them back when told; tell again in case the message was missed.
      if (Date.now() - reclaimedAt > RECLAIM_REPEAT_MS) {
        publish({ kind: 'reclaim', instanceId });
        reclaimedAt = Date.now();
      }
      if (Date.now() - warnedAt > JOIN_WARN_MS) {
        warnedAt = Date.now();
        logger.warn({ instanceId, waitingMs: warnedAt - startedAt }, 'still waiting for the instance that serves our broker sessions to hand them back');
      }
      try {
        if (await tryLock(await session(), MEMBER_LOCK_SPACE, instanceId)) break;
      } catch (err) {
        logger.warn({ err }, 'joining the cluster failed; trying again');
      }
      await new Promise((r) => setTimeout(r, JOIN_RETRY_MS));
    }
    joinedWith = consumers;
    await publisher.query(
      `INSERT INTO cluster_members (instance_id, consumers, joined_at) VALUES ($1, $2, $3)
       ON CONFLICT (instance_id) DO UPDATE SET consumers = EXCLUDED.consumers, joined_at = EXCLUDED.joined_at`,
      [instanceId, consumers, Date.now()],
    );
    logger.info({ instanceId, consumers }, 'joined the cluster');
  }

  async function takeOverLostMembers(): Promise<ClusterMember[]> {
    if (!leading || closed) return [];
    const client = await session();
    const { rows } = await publisher.query<{ instance_id: string; consumers: number }>(
      'SELECT instance_id, consumers FROM cluster_members WHERE instance_id <> $1 ORDER BY instance_id',
      [instanceId],
    );
    const taken: ClusterMember[] = [];
    for (const r of rows) {
      // Advisory locks are re-entrant within a session: never try one this session already holds.
      if (standingIn.has(r.instance_id)) continue;
      if (!(await tryLock(client, MEMBER_LOCK_SPACE, r.instance_id))) continue;
      standingIn.add(r.instance_id);
      taken.push({ instanceId: r.instance_id, consumers: r.consumers });
    }
    return taken;
  }

  async function handBack(member: string): Promise<void> {
    if (!standingIn.delete(member) || !sessionClient) return;
    await sessionClient.query('SELECT pg_advisory_unlock($1, hashtext($2))', [MEMBER_LOCK_SPACE, member]).catch((err: unknown) => {
      logger.warn({ err, member }, 'hand-back unlock failed; the lock goes with the session');
    });
  }

  function publish(message: ClusterMessage): void {
    if (closed) return;
    if (pending.length === 0) setImmediate(flush);
    pending.push(message);
  }

  return {
    instanceId,
    shared: true,
    publish,
    subscribe(listener) {
      listeners.push(listener);
    },
    exclusive,
    isLeader,
    join,
    takeOverLostMembers,
    handBack,
    async close() {
      flush();
      await sending;
      closed = true;
      await Promise.allSettled([listener?.end(), sessionClient?.end(), publisher.end(), locks.end()]);
    },
  };
}
