import type { ElderImportStore } from '../../../app/ports/store/elder-import.port.js';
import { elderFromRow, type ElderRow } from '../rows/store-registry-rows.js';
import type { SqliteContext } from './connection.js';
import { sqliteElderWrites } from './elders.js';

// Elders by ID number and the import's one transaction (app/ports/store/elder-import.port.ts), on the alarms
// connection: its synchronous=FULL makes the committed import durable, as a registered elder is.

/** Well under SQLite's limit of bound parameters per statement (32,766). */
const IN_LIST_CHUNK = 500;

export function createSqliteElderImport({ alarms }: SqliteContext): ElderImportStore {
  const writes = sqliteElderWrites(alarms);
  const writeAll = alarms.transaction((batch: Parameters<ElderImportStore['importElders']>[0]) => {
    for (const e of batch.creates) writes.insert(e);
    for (const u of batch.updates) writes.update(u.id, u.patch);
  });
  return {
    async findEldersByIdNumbers(idNumbers) {
      const unique = [...new Set(idNumbers)];
      const rows: ElderRow[] = [];
      for (let i = 0; i < unique.length; i += IN_LIST_CHUNK) {
        const chunk = unique.slice(i, i + IN_LIST_CHUNK);
        const marks = chunk.map(() => '?').join(', ');
        rows.push(...(alarms.prepare(`SELECT * FROM elders WHERE id_number IS NOT NULL AND id_number IN (${marks}) ORDER BY id`).all(...chunk) as ElderRow[]));
      }
      return rows.map(elderFromRow);
    },
    async importElders(batch) {
      // better-sqlite3 rolls the transaction back when a write throws, and rethrows.
      writeAll(batch);
    },
  };
}
