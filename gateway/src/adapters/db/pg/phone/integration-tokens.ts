import type { IntegrationTokenStore } from '../../../../app/ports/store/phone/integration-tokens.port.js';
import {
  INTEGRATION_TOKEN_COLUMNS,
  integrationTokenFromRow,
  integrationTokenToRow,
  type IntegrationTokenRow,
} from '../../rows/call-rows.js';
import { insertOrConflict, type PgContext } from '../connection.js';
import { columnList, insertInto, named, valuesOf } from '../statements.js';

// Tokens of the integrations that announce calls (app/ports/store/integration-tokens.port.ts) in the shared store:
// a token revoked through one instance is refused by every other at its next lookup.

const COLUMNS = columnList(INTEGRATION_TOKEN_COLUMNS);

const q = {
  insert: named('integration-token-insert', insertInto('integration_tokens', INTEGRATION_TOKEN_COLUMNS)),
  live: named('integration-token-live', `SELECT ${COLUMNS} FROM integration_tokens WHERE token_hash = $1 AND revoked_at IS NULL`),
  all: named('integration-tokens-all', `SELECT ${COLUMNS} FROM integration_tokens ORDER BY created_at DESC, id DESC`),
  revoke: named('integration-token-revoke', 'UPDATE integration_tokens SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL'),
};

export function createPgIntegrationTokens({ pool, rows, first, changes }: PgContext): IntegrationTokenStore {
  return {
    async createIntegrationToken(token) {
      await insertOrConflict(pool, q.insert(...valuesOf(integrationTokenToRow(token), INTEGRATION_TOKEN_COLUMNS)), `integration token ${token.id} exists`);
    },
    async findIntegrationToken(tokenHash) {
      const r = await first<IntegrationTokenRow>(q.live(tokenHash));
      return r ? integrationTokenFromRow(r) : null;
    },
    async listIntegrationTokens() {
      return (await rows<IntegrationTokenRow>(q.all())).map(integrationTokenFromRow);
    },
    async revokeIntegrationToken(id, at) {
      return (await changes(q.revoke(id, at))) > 0;
    },
  };
}
