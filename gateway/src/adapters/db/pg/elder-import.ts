import type { ElderImportStore } from '../../../app/ports/store/elder-import.port.js';
import type { ElderRecord } from '../../../app/ports/store/elders.port.js';
import { elderFromRow, elderToRow, type ElderRow } from '../rows/store-registry-rows.js';
import { inTransaction, type PgContext } from './connection.js';
import { updateElderQuery } from './elders.js';
import { columnList, ELDER_COLUMNS, named, valuesOf } from './statements.js';

// Elders by ID number and the import's one transaction (app/ports/store/elder-import.port.ts), with the statements
// registration uses (elders.ts), on one pooled connection: a failed write rolls every row of the import back.

const byIdNumbers = named('elders-by-id-numbers', `SELECT ${columnList(ELDER_COLUMNS)} FROM elders WHERE id_number = ANY($1::text[]) ORDER BY id`);

/** Rows per INSERT: 27 columns each stays far under PostgreSQL's 65,535 parameters, and saves a round trip a row. */
const INSERT_CHUNK = 500;

/** One INSERT of many records, with the columns and values registration writes one at a time (elders.ts). */
function insertMany(records: readonly ElderRecord[]): { text: string; values: unknown[] } {
  const width = ELDER_COLUMNS.length;
  const rows = records.map((_, r) => `(${ELDER_COLUMNS.map((__, c) => `$${r * width + c + 1}`).join(', ')})`);
  return { text: `INSERT INTO elders (${columnList(ELDER_COLUMNS)}) VALUES ${rows.join(', ')}`, values: records.flatMap((e) => valuesOf(elderToRow(e), ELDER_COLUMNS)) };
}

export function createPgElderImport({ pool, rows }: PgContext): ElderImportStore {
  return {
    async findEldersByIdNumbers(idNumbers) {
      if (idNumbers.length === 0) return [];
      return (await rows<ElderRow>(byIdNumbers([...new Set(idNumbers)]))).map(elderFromRow);
    },
    async importElders(batch) {
      await inTransaction(pool, 'BEGIN', async (client) => {
        for (let i = 0; i < batch.creates.length; i += INSERT_CHUNK) {
          const { text, values } = insertMany(batch.creates.slice(i, i + INSERT_CHUNK));
          await client.query(text, values);
        }
        for (const u of batch.updates) await client.query(updateElderQuery(u.id, u.patch));
      });
    },
  };
}
