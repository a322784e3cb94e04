import type { IntegrationTokenStore } from '../../../../app/ports/store/phone/integration-tokens.port.js';
import {
  INTEGRATION_TOKEN_COLUMNS,
  integrationTokenFromRow,
  integrationTokenToRow,
  type IntegrationTokenRow,
} from '../../rows/call-rows.js';
import { insertOrConflict, type SqliteContext } from '../connection.js';

// Tokens of the integrations that announce calls (app/ports/store/integration-tokens.port.ts), on the alarms
// connection: a revocation must not come back after a power loss.

export function createSqliteIntegrationTokens({ alarms: db }: SqliteContext): IntegrationTokenStore {
  const q = {
    insert: db.prepare(
      `INSERT INTO integration_tokens (${INTEGRATION_TOKEN_COLUMNS.join(', ')}) VALUES (${INTEGRATION_TOKEN_COLUMNS.map((c) => `@${c}`).join(', ')})`,
    ),
    live: db.prepare('SELECT * FROM integration_tokens WHERE token_hash = ? AND revoked_at IS NULL'),
    all: db.prepare('SELECT * FROM integration_tokens ORDER BY created_at DESC, id DESC'),
    revoke: db.prepare('UPDATE integration_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
  };
  return {
    async createIntegrationToken(token) {
      insertOrConflict(() => q.insert.run(integrationTokenToRow(token)), `integration token ${token.id} exists`);
    },
    async findIntegrationToken(tokenHash) {
      const r = q.live.get(tokenHash) as IntegrationTokenRow | undefined;
      return r ? integrationTokenFromRow(r) : null;
    },
    async listIntegrationTokens() {
      return (q.all.all() as IntegrationTokenRow[]).map(integrationTokenFromRow);
    },
    async revokeIntegrationToken(id, at) {
      return q.revoke.run(at, id).changes > 0;
    },
  };
}
