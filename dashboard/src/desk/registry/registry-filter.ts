// The registry's filters as the screen holds them and as the list and the export ask for them (schemas/elder-list.ts):
// the same query for both, so an export is what the list shows.

export interface RegistryFilter {
  /** A part of the name, or the ID number's tail. */
  q: string;
  group: string;
  /** A town or a community; '' the person's whole region. */
  regionId: string;
  /** '' any; a level; 'none' not assessed. */
  assessment: string;
  veryOld: boolean;
}

export const defaultRegistryFilter = (): RegistryFilter => ({ q: '', group: '', regionId: '', assessment: '', veryOld: false });

/** The query string of the filters that hold something, with `extra` (limit, cursor, format). */
export function registryQuery(filter: RegistryFilter, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  if (filter.q.trim() !== '') params.set('q', filter.q.trim());
  if (filter.group) params.set('group', filter.group);
  if (filter.regionId) params.set('regionId', filter.regionId);
  if (filter.assessment) params.set('assessment', filter.assessment);
  if (filter.veryOld) params.set('veryOld', 'true');
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  return params.toString();
}
