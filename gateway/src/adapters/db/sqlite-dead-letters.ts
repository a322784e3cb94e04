import type Database from 'better-sqlite3';
import type { DeadLetterFilter, DeadLetterStore } from '../../app/dead-letter-store.port.js';
import { deadLetterFromRow, type DeadLetterRow } from './dead-letter-rows.js';

// Dead letters in the embedded store (dead-letter-store.port.ts). Written on the routine connection (synchronous
// NORMAL): a dead letter is a record for the desk, and losing the last one to a power cut loses no alarm.

export function createSqliteDeadLetters(routine: Database.Database, reads: Database.Database): DeadLetterStore {
  const insert = routine.prepare('INSERT INTO dead_letters (device_id, topic, reason, detail, payload_excerpt, received_at) VALUES (?, ?, ?, ?, ?, ?)');
  return {
    async recordDeadLetter(l) {
      insert.run(l.deviceId, l.topic, l.reason, l.detail, l.payloadExcerpt, l.receivedAt);
    },
    async listDeadLetters(f: DeadLetterFilter) {
      const clauses: string[] = [];
      const params: unknown[] = [];
      if (f.regionPath !== undefined) {
        // substr instead of LIKE: a path holds ids, and ids may hold LIKE's wildcards.
        clauses.push('substr(r.path, 1, length(?)) = ?');
        params.push(f.regionPath, f.regionPath);
      }
      if (f.deviceId !== undefined) {
        clauses.push('l.device_id = ?');
        params.push(f.deviceId);
      }
      if (f.reason !== undefined) {
        clauses.push('l.reason = ?');
        params.push(f.reason);
      }
      if (f.receivedFrom !== undefined) {
        clauses.push('l.received_at >= ?');
        params.push(f.receivedFrom);
      }
      if (f.receivedTo !== undefined) {
        clauses.push('l.received_at < ?');
        params.push(f.receivedTo);
      }
      const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
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
