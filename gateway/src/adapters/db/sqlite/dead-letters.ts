import type { DeadLetterStore } from '../../../app/ports/store/dead-letters.port.js';
import { deadLetterFromRow, type DeadLetterRow } from '../rows/dead-letter-rows.js';
import type { SqliteContext } from './connection.js';
import { deadLetterFilter } from './list-filter.js';

// Dead letters in the embedded store (app/ports/store/dead-letters.port.ts). Written on the routine connection
// (synchronous NORMAL): a dead letter is a record for the desk, and losing the last one to a power cut loses no
// alarm. Read on the alarms connection.

export function createSqliteDeadLetters({ routine, alarms: reads }: SqliteContext): DeadLetterStore {
  const insert = routine.prepare('INSERT INTO dead_letters (device_id, topic, reason, detail, payload_excerpt, received_at) VALUES (?, ?, ?, ?, ?, ?)');
  return {
    async recordDeadLetter(l) {
      insert.run(l.deviceId, l.topic, l.reason, l.detail, l.payloadExcerpt, l.receivedAt);
    },
    async listDeadLetters(f) {
      const { where, params } = deadLetterFilter(f);
      const rows = reads
        .prepare(
          `SELECT l.seq, l.device_id, l.topic, l.reason, l.detail, l.payload_excerpt, l.received_at, d.elder_id, e.region_id
             FROM dead_letters l LEFT JOIN devices d ON d.id = l.device_id LEFT JOIN elders e ON e.id = d.elder_id
             LEFT JOIN regions r ON r.id = e.region_id ${where} ORDER BY l.seq DESC LIMIT ?`,
        )
        .all(...params, f.limit) as DeadLetterRow[];
      return rows.map(deadLetterFromRow);
    },
  };
}
