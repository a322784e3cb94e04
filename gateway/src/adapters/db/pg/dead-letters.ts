import type { DeadLetterStore } from '../../../app/ports/store/dead-letters.port.js';
import { deadLetterFromRow, type DeadLetterRow } from '../rows/dead-letter-rows.js';
import type { PgContext } from './connection.js';
import { deadLetterFilter } from './list-filter.js';
import { named } from './statements.js';

// Dead letters in the shared store (app/ports/store/dead-letters.port.ts), as the embedded store keeps them.

const insert = named(
  'insert-dead-letter-v2',
  'INSERT INTO dead_letters (device_id, topic, reason, detail, payload_excerpt, received_at) VALUES ($1, $2, $3, $4, $5, $6)',
);

export function createPgDeadLetters({ pool }: PgContext): DeadLetterStore {
  return {
    async recordDeadLetter(l) {
      await pool.query(insert(l.deviceId, l.topic, l.reason, l.detail, l.payloadExcerpt, l.receivedAt));
    },
    async listDeadLetters(f) {
      const { where, values } = deadLetterFilter(f);
      const text = `SELECT l.seq, l.device_id, l.topic, l.reason, l.detail, l.payload_excerpt, l.received_at, d.elder_id, e.region_id
          FROM dead_letters l LEFT JOIN devices d ON d.id = l.device_id LEFT JOIN elders e ON e.id = d.elder_id
          LEFT JOIN regions r ON r.id = e.region_id ${where} ORDER BY l.seq DESC LIMIT $${values.length + 1}`;
      return (await pool.query<DeadLetterRow>(text, [...values, f.limit])).rows.map(deadLetterFromRow);
    },
  };
}
