import { randomBytes } from 'node:crypto';
import { actorOf, requireInScope, requireRole, type Access } from '../access.js';
import type { RegionDirectory } from '../directories/region-directory.js';
import { AppError } from '../errors.js';
import type { AuditStore } from '../ports/store/audit.port.js';
import type { IntegrationTokenRecord, IntegrationTokenStore } from '../ports/store/phone/integration-tokens.port.js';
import { sha256 } from '../secrets.js';

// Tokens for an integration (a softphone or a PBX announcing ringing calls), made by an admin, never a person's
// login: a token opens the telephony hook and nothing else, and a person's login does not open the hook. Like a
// session token it is 32 random bytes, so a SHA-256 of it is all the store keeps (app/secrets.ts says why); it is
// shown once, when it is made. A token belongs to a region: its calls ring only at that region's desks.

export interface IntegrationTokenView {
  id: string;
  name: string;
  regionId: string;
  createdAt: string;
  revokedAt: string | null;
}

const view = (t: IntegrationTokenRecord): IntegrationTokenView => ({
  id: t.id,
  name: t.name,
  regionId: t.regionId,
  createdAt: new Date(t.createdAt).toISOString(),
  revokedAt: t.revokedAt === null ? null : new Date(t.revokedAt).toISOString(),
});

export function createIntegrationTokenService(deps: {
  store: IntegrationTokenStore & AuditStore;
  regions: RegionDirectory;
  clock: () => number;
  newId: () => string;
}) {
  const { store, regions, clock } = deps;
  const pathOf = (regionId: string): string => regions.pathOf(regionId) ?? '';

  return {
    async create(access: Access, input: { name: string; regionId?: string | undefined }): Promise<IntegrationTokenView & { token: string }> {
      requireRole(access, ['admin']);
      const regionId = input.regionId ?? access.regionId;
      const path = regions.pathOf(regionId);
      if (path === undefined) throw new AppError('REGION_NOT_FOUND');
      requireInScope(access, path);
      const token = randomBytes(32).toString('base64url');
      const record: IntegrationTokenRecord = {
        id: deps.newId(),
        name: input.name,
        tokenHash: sha256(token),
        regionId,
        createdAt: clock(),
        createdBy: actorOf(access),
        revokedAt: null,
      };
      await store.createIntegrationToken(record);
      await store.appendAudit({ at: record.createdAt, actor: actorOf(access), action: 'created', entityType: 'integration_token', entityId: record.id, detail: { name: record.name, regionId } });
      return { ...view(record), token };
    },

    /** The tokens of the admin's region and below, revoked ones included (when and that they were revoked). */
    async list(access: Access): Promise<IntegrationTokenView[]> {
      requireRole(access, ['admin']);
      return (await store.listIntegrationTokens()).filter((t) => pathOf(t.regionId).startsWith(access.regionPath)).map(view);
    },

    async revoke(access: Access, id: string): Promise<void> {
      requireRole(access, ['admin']);
      const token = (await store.listIntegrationTokens()).find((t) => t.id === id);
      if (!token || token.revokedAt !== null) throw new AppError('INTEGRATION_TOKEN_NOT_FOUND');
      requireInScope(access, pathOf(token.regionId));
      if (!(await store.revokeIntegrationToken(id, clock()))) throw new AppError('INTEGRATION_TOKEN_NOT_FOUND');
      await store.appendAudit({ at: clock(), actor: actorOf(access), action: 'revoked', entityType: 'integration_token', entityId: id, detail: { name: token.name } });
    },

    /** The live token a caller presents, or null: missing, wrong and revoked are all just "no". */
    async verify(token: string): Promise<IntegrationTokenRecord | null> {
      if (token.length === 0 || token.length > 200) return null;
      return store.findIntegrationToken(sha256(token));
    },
  };
}

export type IntegrationTokenService = ReturnType<typeof createIntegrationTokenService>;
