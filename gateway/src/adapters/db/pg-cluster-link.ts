import pg from 'pg';
import type { Logger } from 'pino';
import type { ClusterEnvelope, ClusterLink, ClusterMessage } from '../../app/cluster.port.js';

// The cluster link over PostgreSQL, the one engine every instance already shares (docs/scale-out.md):
// - messages: NOTIFY on one channel, batched per event-loop turn, sent in order over one connection; every instance
//   LISTENs and ignores its own. NOTIFY is not durable: an instance that is down misses messages, and reads the
//   store afresh when it starts.
// - exclusive work: a session advisory lock per key (one elder), held on a connection of a small lock pool.
// - leadership: a session advisory lock held for as long as the leader's connection lives. It only saves work:
//   a deadline claimed by two leaders at once still fires once, because the claim is part of the commit.

const CHANNEL = 'eldercare_cluster';
/** NOTIFY payloads are limited to 8,000 bytes. */
const MAX_PAYLOAD_BYTES = 7900;
/** Two-integer advisory keys live apart from the one-bigint keys the elder locks use. */
const LEADER_LOCK = [0x454c4452, 1] as const;
const RECONNECT_MS = 1000;

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
      client.release(broken);
    }
  }

  // ---- leadership
  let leaderClient: pg.Client | null = null;
  let leading = false;
  async function isLeader(): Promise<boolean> {
    if (closed) return false;
    if (leading && leaderClient) return true;
    try {
      if (!leaderClient) {
        const client = new pg.Client({ connectionString: url, application_name: `${applicationName}-leader` });
        const lost = () => {
          if (leaderClient !== client) return;
          if (leading) logger.warn('leadership lost with its connection');
          leaderClient = null;
          leading = false;
        };
        client.on('error', lost);
        client.on('end', lost);
        await client.connect();
        leaderClient = client;
      }
      const { rows } = await leaderClient.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS ok', [...LEADER_LOCK]);
      if (rows[0]?.ok && !leading) logger.info({ instanceId }, 'this instance leads (deadlines, visit schedule)');
      leading = rows[0]?.ok === true;
    } catch (err) {
      logger.warn({ err }, 'leadership check failed');
      leading = false;
    }
    return leading;
  }

  return {
    instanceId,
    shared: true,
    publish(message) {
      if (closed) return;
      if (pending.length === 0) setImmediate(flush);
      pending.push(message);
    },
    subscribe(listener) {
      listeners.push(listener);
    },
    exclusive,
    isLeader,
    async close() {
      flush();
      await sending;
      closed = true;
      await Promise.allSettled([listener?.end(), leaderClient?.end(), publisher.end(), locks.end()]);
    },
  };
}
