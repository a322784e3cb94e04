// The registry's pages (see shared/use-paged-list.ts). `replace` puts a record saved in the form in its line, a new
// one at the top.

import type { Elder } from '../../../../schemas/index.js';
import { usePagedList } from '../../shared/use-paged-list.js';
import { listElderPage } from './registry-request.js';
import type { RegistryFilter } from './registry-filter.js';

/** `generation`: a new value asks again with the same filters (after an import). */
export function useRegistryPages(filter: RegistryFilter, generation = 0) {
  return usePagedList<Elder>(JSON.stringify(filter), generation, (cursor) => listElderPage(filter, cursor));
}
