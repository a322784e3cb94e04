import type { Duplex } from 'node:stream';

// Connections that have not logged in yet ("pending": TCP or TLS is up, the CONNECT has not been authenticated).
// A device logs in within milliseconds of connecting, so a connection that stays pending is a peer that cannot or
// will not: a port scanner, a broken client, or someone holding sockets open to use up the gateway's memory and
// descriptors. Each one is cheap (about 1–2 KB, and at most the CONNECT limit of buffered bytes), but only if there
// are not too many of them, so they are capped twice: per client address, and in all. Past a cap the *oldest*
// pending connection is closed, not the new one: a device that connects now will log in at once, while the oldest
// has had the longest to do it and has not. So a flood of half-open sockets, from one address or from many, cannot
// keep a call button from connecting; it only keeps replacing its own sockets.

export type PendingEviction = 'per_address_limit' | 'pending_limit';

export interface PendingLimits {
  /** Pending connections from one client address at once. */
  perAddress: number;
  /** Pending connections from all addresses at once. */
  total: number;
}

export interface PendingConnections {
  /** A new connection, not yet logged in. Closes the oldest pending one(s) when a cap is reached. */
  add(conn: Duplex, address: string): void;
  /** The connection's CONNECT was authenticated: it no longer counts. */
  loggedIn(conn: Duplex): void;
  isLoggedIn(conn: Duplex): boolean;
  /** Pending connections right now. */
  size(): number;
}

export function trackPendingConnections(limits: PendingLimits, onEvicted: (reason: PendingEviction) => void): PendingConnections {
  /** Insertion order is age order: the first key is the oldest pending connection. */
  const pending = new Map<Duplex, string>();
  const byAddress = new Map<string, Set<Duplex>>();
  const loggedIn = new WeakSet<Duplex>();

  function forget(conn: Duplex): void {
    const address = pending.get(conn);
    if (address === undefined) return;
    pending.delete(conn);
    const same = byAddress.get(address);
    same?.delete(conn);
    if (same?.size === 0) byAddress.delete(address);
  }

  function evict(conn: Duplex, reason: PendingEviction): void {
    forget(conn);
    onEvicted(reason);
    conn.destroy();
  }

  return {
    add(conn, address) {
      const same = byAddress.get(address) ?? new Set<Duplex>();
      while (same.size >= limits.perAddress) {
        const oldest = same.values().next().value;
        if (oldest === undefined) break;
        evict(oldest, 'per_address_limit');
      }
      while (pending.size >= limits.total) {
        const oldest = pending.keys().next().value;
        if (oldest === undefined) break;
        evict(oldest, 'pending_limit');
      }
      pending.set(conn, address);
      same.add(conn);
      byAddress.set(address, same);
      conn.once('close', () => forget(conn));
    },
    loggedIn(conn) {
      loggedIn.add(conn);
      forget(conn);
    },
    isLoggedIn: (conn) => loggedIn.has(conn),
    size: () => pending.size,
  };
}
