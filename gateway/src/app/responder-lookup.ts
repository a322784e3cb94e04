import { inScope, type Access } from './access.js';
import { AppError } from './errors.js';
import type { RegionDirectory } from './region-directory.js';
import type { Store, UserRecord } from './store.port.js';

/** The responder the desk wants to send or assign: a responder of the person's region, or 409 RESPONDER_NOT_AVAILABLE. */
export async function responderFor(store: Store, regions: RegionDirectory, access: Access, responderId: string): Promise<UserRecord> {
  const user = await store.getUser(responderId);
  const path = user ? regions.pathOf(user.regionId) : undefined;
  if (!user || user.role !== 'responder' || path === undefined || !inScope(access, path)) throw new AppError('RESPONDER_NOT_AVAILABLE');
  return user;
}
