import type { UserStore } from '../ports/store/users.port.js';

// The names people know each other by, for actors recorded as `user:<username>`: the ledger and its files show names,
// not log-in names. Each person is read once per ledger.

export async function actorNames(store: UserStore, actors: ReadonlyArray<string | null>): Promise<(actor: string | null) => string | null> {
  const usernames = [...new Set(actors.filter((a): a is string => a !== null && a.startsWith('user:')).map((a) => a.slice(5)))];
  const users = await Promise.all(usernames.map((u) => store.findUserByUsername(u)));
  const names = new Map(usernames.map((u, i) => [`user:${u}`, users[i]?.displayName ?? u]));
  return (actor) => (actor === null ? null : (names.get(actor) ?? (actor.startsWith('system:') ? '系统' : actor)));
}
