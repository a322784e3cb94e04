// The elders' names of a device file's rows: the import's reply gives each row's elderId only, so each unknown elder
// is asked once (GET /elders/:id), a few at a time, and kept for the session in a module map. (The device list does
// not need this: the device view carries elderName.) Failed ids are not asked again in this session.

import { signal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { getElder } from './device-request.js';

/** elderId → name; null when it could not be had. */
const names = signal<ReadonlyMap<string, string | null>>(new Map());
/** Ids asked and not answered yet, so a second render does not ask again. */
const asking = new Set<string>();
/** At most this many requests at once, so the list's own requests are not queued behind a hundred names. */
const PARALLEL = 4;

async function askAll(ids: string[]): Promise<void> {
  const queue = [...ids];
  const worker = async () => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      const name = await getElder(id).then(
        (elder) => elder.name,
        () => null,
      );
      asking.delete(id);
      const next = new Map(names.peek());
      next.set(id, name);
      names.value = next;
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, ids.length) }, worker));
}

/** Reads the names map (drawing again as names arrive) and asks for the ids it lacks. */
export function useElderNames(elderIds: readonly string[]): ReadonlyMap<string, string | null> {
  const key = [...new Set(elderIds)].sort().join(',');
  useEffect(() => {
    const known = names.peek();
    const missing = [...new Set(elderIds)].filter((id) => !known.has(id) && !asking.has(id));
    if (missing.length === 0) return;
    for (const id of missing) asking.add(id);
    void askAll(missing);
  }, [key]);
  return names.value;
}

/** A name learnt elsewhere (the move dialog's lookup), so the row shows it at once. */
export function rememberElderName(id: string, name: string): void {
  const next = new Map(names.peek());
  next.set(id, name);
  names.value = next;
}
