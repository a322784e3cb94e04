import { AppError } from '../errors.js';
import type { RegionDirectory } from './region-directory.js';
import type { UserRecord, UserStore } from '../ports/store/users.port.js';

// Who may be sent to an elder is decided by where the elder lives, not by who sends: a county desk sees every town,
// but a responder of another town would be sent the elder's name and address and then could not act on it. The
// responders of the elder's town (its own community and the neighbouring ones) are the ones the suggestions list.

/** Whether a responder of the region with path `responderPath` may be sent to an elder of `elderRegionId`. */
export function nearElder(regions: RegionDirectory, elderRegionId: string, responderPath: string): boolean {
  const root = regions.searchRootOf(elderRegionId);
  return root !== undefined && responderPath.startsWith(root.path);
}

/**
 * Whether `user` may be sent to (or assigned to) an elder of `elderRegionId`: a responder whose account is not
 * disabled (someone who left, a lost phone), of the elder's town.
 */
export function sendableTo(regions: RegionDirectory, elderRegionId: string, user: UserRecord | null | undefined): user is UserRecord {
  if (!user || user.role !== 'responder' || user.disabledAt !== null) return false;
  const path = regions.pathOf(user.regionId);
  return path !== undefined && nearElder(regions, elderRegionId, path);
}

/** The responder the desk wants to send or assign to an elder of `elderRegionId`, or 409 RESPONDER_NOT_AVAILABLE. */
export async function responderFor(store: UserStore, regions: RegionDirectory, elderRegionId: string, responderId: string): Promise<UserRecord> {
  const user = await store.getUser(responderId);
  if (!sendableTo(regions, elderRegionId, user)) throw new AppError('RESPONDER_NOT_AVAILABLE');
  return user;
}
