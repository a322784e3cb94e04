import type { DeadLetterRecord } from '../../../app/ports/store/dead-letters.port.js';

// The dead_letters row both engines read (sqlite/dead-letters.ts, pg/dead-letters.ts), joined with the device's
// elder and region, and how it becomes a record. Numbers go through Number(): PostgreSQL's bigint arrives as text.

export interface DeadLetterRow {
  seq: number;
  device_id: string;
  topic: string;
  reason: string;
  detail: string | null;
  payload_excerpt: string;
  received_at: number;
  elder_id: string | null;
  region_id: string | null;
}

export const deadLetterFromRow = (r: DeadLetterRow): DeadLetterRecord => ({
  seq: Number(r.seq),
  deviceId: r.device_id,
  elderId: r.elder_id,
  regionId: r.region_id,
  topic: r.topic,
  reason: r.reason,
  detail: r.detail,
  payloadExcerpt: r.payload_excerpt,
  receivedAt: Number(r.received_at),
});
