import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateSqlite, openSqlite } from '../../gateway/src/adapters/db/sqlite/connection.js';
import { SQLITE_MIGRATIONS } from '../../gateway/src/adapters/db/sqlite/schema.js';

// A file of a gateway from before care visits (issue 21): its monthly visits become care visits of their month,
// attempt 1, with the way a done one was made (by phone when a phone check completed it, else at the door).

const CARE_VISITS = SQLITE_MIGRATIONS.findIndex((m) => typeof m === 'string' && m.includes('tasks_one_care_visit'));

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function fileBeforeCareVisits(): Database.Database {
  dir = mkdtempSync(join(tmpdir(), 'sqlite-care-visits-'));
  // the file as the gateway before the care-visit migration left it
  const old = openSqlite(join(dir, 'gateway.db'), 'FULL');
  SQLITE_MIGRATIONS.slice(0, CARE_VISITS).forEach((m, i) => {
    old.exec(typeof m === 'string' ? m : m.rebuild);
    old.pragma(`user_version = ${i + 1}`);
  });
  old.exec(`
    INSERT INTO elders (id, name, address, created_at) VALUES ('e1', '王奶奶', '幸福路 1 号', 0);
    INSERT INTO tasks (id, kind, reason, status, test, elder_id, dedup_key, month, due_at, created_at, outcome)
      VALUES ('door', 'monthly_visit', 'monthly_visit', 'done', 0, 'e1', 'monthly_visit:2026-11', '2026-11', 1796054399999, 0, 'visited');
    INSERT INTO tasks (id, kind, reason, status, test, elder_id, dedup_key, month, due_at, created_at, outcome)
      VALUES ('phone', 'monthly_visit', 'monthly_visit', 'done', 0, 'e1', 'monthly_visit:2026-10', '2026-10', 1793375999999, 0, 'visited');
    INSERT INTO tasks (id, kind, reason, status, test, elder_id, dedup_key, month, due_at, created_at)
      VALUES ('open', 'monthly_visit', 'monthly_visit', 'open', 0, 'e1', 'monthly_visit:2026-12', '2026-12', 1798732799999, 0);
    INSERT INTO calls (id, direction, line, category, region_id, operator_id, started_at, created_at, task_id, elder_id, outcome)
      VALUES ('c1', 'outbound', 'direct', 'wellbeing', 'county', 'u1', 0, 0, 'phone', 'e1', 'answered');
  `);
  return old;
}

describe('the SQLite migration to care visits', () => {
  it('when a file with monthly visits is migrated, then each is attempt 1 of its month, due as before, with the way a done one was made', () => {
    expect(CARE_VISITS).toBeGreaterThan(0);
    const db = fileBeforeCareVisits();
    migrateSqlite(db);
    expect(db.pragma('user_version', { simple: true })).toBe(SQLITE_MIGRATIONS.length);
    const rows = db.prepare('SELECT id, kind, reason, dedup_key, period, period_ends_at, attempt, visit_modes, visit_mode FROM tasks ORDER BY id').all();
    expect(rows).toEqual([
      { id: 'door', kind: 'care_visit', reason: 'care_visit', dedup_key: 'care_visit:2026-11', period: '2026-11', period_ends_at: 1796054400000, attempt: 1, visit_modes: '["door","phone"]', visit_mode: 'door' },
      { id: 'open', kind: 'care_visit', reason: 'care_visit', dedup_key: 'care_visit:2026-12', period: '2026-12', period_ends_at: 1798732800000, attempt: 1, visit_modes: '["door","phone"]', visit_mode: null },
      { id: 'phone', kind: 'care_visit', reason: 'care_visit', dedup_key: 'care_visit:2026-10', period: '2026-10', period_ends_at: 1793376000000, attempt: 1, visit_modes: '["door","phone"]', visit_mode: 'phone' },
    ]);
    // one per elder, period and attempt from now on
    expect(() =>
      db.prepare(`INSERT INTO tasks (id, kind, reason, status, test, elder_id, dedup_key, period, attempt, created_at) VALUES ('x', 'care_visit', 'care_visit', 'done', 0, 'e1', 'k', '2026-12', 1, 0)`).run(),
    ).toThrow(/UNIQUE/);
    expect((db.prepare('SELECT rules FROM visit_policy WHERE id = 1').get() as { rules: string }).rules).toContain('"living_alone"');
    db.close();
  });
});
