// Sessions that ended before their time (logout, a revoked session, a new password, a disabled account). The REST
// API reads every token's session from the store, so it refuses a revoked token at once on every instance; open
// websockets were let in before, so they hear it here and close (the live hub listens, and cluster-sync carries it
// to the other instances).

export interface RevokedSessions {
  userId: string;
  sessionIds: readonly string[];
}

/** 'local': revoked on this instance; 'remote': another instance said so (not told back). */
export type RevocationOrigin = 'local' | 'remote';

export class SessionRevocations {
  private readonly listeners = new Set<(revoked: RevokedSessions, origin: RevocationOrigin) => void>();

  announce(revoked: RevokedSessions, origin: RevocationOrigin = 'local'): void {
    if (revoked.sessionIds.length === 0) return;
    for (const listener of this.listeners) listener(revoked, origin);
  }

  subscribe(listener: (revoked: RevokedSessions, origin: RevocationOrigin) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
