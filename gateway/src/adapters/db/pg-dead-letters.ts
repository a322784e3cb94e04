import type pg from 'pg';
import type { DeadLetterFilter, DeadLetterStore } from '../../app/dead-letter-store.port.js';
import { deadLetterFromRow, type DeadLetterRow } from './dead-letter-rows.js';
import { named } from './pg-statements.js';

// Dead letters in the shared store (dead-letter-store.port.ts), as the embedded store keeps them.

const insert = named(
  'insert-dead-letter-v2',
  'INSERT INTO dead_letters (device_id, topic, reason, detail, payload_excerpt, received_at) VALUES ($1, $2, $3, $4, $5, $6)',
);

export function createPgDeadLetters(pool: pg.Pool): DeadLetterStore {
  return {
    async recordDeadLetter(l) {
      await pool.query(insert(l.deviceId, l.topic, l.reason, l.detail, l.payloadExcerpt, l.receivedAt));
    },
    async listDeadLetters(f: DeadLetterFilter) {
      const clauses: string[] = [];
      const values: unknown[] = [];
      const add = (clause: (param: string) => string, value: unknown) => {
        values.push(value);
        clauses.push(clause(`$${values.length}`));
      };
      // starts_with rather than LIKE: a path holds ids, and ids may hold LIKE's wildcards.
      if (f.regionPath !== undefined) add((p) => `starts_with(r.path, ${p})`, f.regionPath);
      if (f.deviceId !== undefined) add((p) => `l.device_id = ${p}`, f.deviceId);
      if (f.reason !== undefined) add((p) => `l.reason = ${p}`, f.reason);
      if (f.receivedFrom !== undefined) add((p) => `l.received_at >= ${p}`, f.receivedFrom);
      if (f.receivedTo !== undefined) add((p) => `l.received_at < ${p}`, f.receivedTo);
      const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
      values.push(f.limit);
      const text = `SELECT l.seq, l.device_id, l.topic, l.reason, l.detail, l.payload_excerpt, l.received_at, d.elder_id, e.region_id
          FROM dead_letters l LEFT JOIN devices d ON d.id = l.device_id LEFT JOIN elders e ON e.id = d.elder_id
          LEFT JOIN regions r ON r.id = e.region_id ${where} ORDER BY l.seq DESC LIMIT $${values.length}`;
      return (await pool.query<DeadLetterRow>(text, values)).rows.map(deadLetterFromRow);
    },
  };
}
