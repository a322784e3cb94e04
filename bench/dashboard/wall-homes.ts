import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createSqliteStore } from '../../gateway/src/adapters/db/sqlite/store.js';
import { sha256 } from '../../gateway/src/app/secrets.js';

// Many homes for the status wall, written straight into a fresh gateway data dir before the gateway starts: 20,000
// elders and their devices through the REST API take minutes, one SQLite transaction takes a second. The store's
// own code creates the file (its migrations and root region); the rows follow the columns its inserts write
// (adapters/db/sqlite/). Every device gets a known secret, so a test or benchmark can connect any of them over MQTT.
// For the status-wall e2e test and `npm run bench:dashboard`.

export type SeededState = 'online' | 'offline' | 'lowBattery' | 'noData';

export interface SeededHome {
  elderId: string;
  name: string;
  address: string;
  regionId: string;
  state: SeededState;
  deviceIds: string[];
}

export interface SeededWall {
  homes: SeededHome[];
  /** Homes per state, as the wall must count them (no alerts are seeded). */
  counts: Record<SeededState | 'homes', number>;
  devices: number;
  devicesOffline: number;
  /** What a device logs in to the broker with. */
  secretOf(deviceId: string): string;
}

const TOWNS = ['城关镇', '东坝镇', '西河镇', '南山街道'];
const STREETS = ['幸福路', '和平街', '建设巷', '人民路', '光明里'];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = '秀英桂兰玉珍凤英建国志强淑芬德明丽华国庆美兰春生';
/** Under batteryLow (20) but a level the seed chooses, so the wall says "battery 12%". */
const LOW_BATTERY = 12;
const HOMES_PER_COMMUNITY = 1000;

/** The state of home number i: mostly online, and a few of each problem spread through every community. */
function stateOf(i: number): SeededState {
  const slot = i % 100;
  if (slot < 2) return 'offline';
  if (slot < 5) return 'lowBattery';
  if (slot < 7) return 'noData';
  return 'online';
}

const secretOf = (deviceId: string) => `seeded-secret-${deviceId}`;

/** Fills `dataDir` (new, empty) with `count` homes; the gateway then starts on it. */
export async function seedWallHomes(dataDir: string, count: number): Promise<SeededWall> {
  const file = join(dataDir, 'gateway.sqlite');
  await (await createSqliteStore(file)).close();
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const insertRegion = db.prepare('INSERT INTO regions (id, name, level, parent_id, path) VALUES (?, ?, ?, ?, ?)');
  const insertElder = db.prepare(
    `INSERT INTO elders (id, name, address, phone, region_id, contacts, medical_notes, access_notes,
       assigned_responder_ids, risk_category, threshold_overrides, away_since, away_until, away_reason, created_at)
     VALUES (?, ?, ?, NULL, ?, '[]', '', '', '[]', 'general', '{}', NULL, NULL, NULL, ?)`,
  );
  const insertDevice = db.prepare(
    `INSERT INTO devices (id, elder_id, kind, room, secret_hash, broker_password_hash, test_mode_until, online, battery,
       last_seen_at, created_at) VALUES (?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?, ?)`,
  );
  const now = Date.now();
  const homes: SeededHome[] = [];
  const counts = { homes: 0, online: 0, offline: 0, lowBattery: 0, noData: 0 };
  let devices = 0;
  let devicesOffline = 0;

  db.transaction(() => {
    const root = db.prepare("SELECT id, path FROM regions WHERE parent_id IS NULL ORDER BY path LIMIT 1").get() as { id: string; path: string };
    const communities: string[] = [];
    const communityCount = Math.max(1, Math.ceil(count / HOMES_PER_COMMUNITY));
    const towns = TOWNS.slice(0, Math.min(TOWNS.length, communityCount)).map((name, t) => {
      const id = `wall-town-${t + 1}`;
      insertRegion.run(id, name, 'town', root.id, `${root.path}${id}/`);
      return { id, path: `${root.path}${id}/`, name };
    });
    for (let c = 0; c < communityCount; c += 1) {
      const town = towns[c % towns.length]!;
      const id = `wall-community-${c + 1}`;
      insertRegion.run(id, `${town.name.slice(0, 2)}第${c + 1}社区`, 'community', town.id, `${town.path}${id}/`);
      communities.push(id);
    }
    for (let i = 0; i < count; i += 1) {
      const n = String(i + 1).padStart(5, '0');
      const elderId = randomUUID();
      const name = `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 7) % GIVEN.length]}${GIVEN[(i * 13 + 5) % GIVEN.length]}${n}`;
      const address = `${STREETS[i % STREETS.length]}${Math.floor(i / STREETS.length) + 1}号`;
      const regionId = communities[Math.floor(i / HOMES_PER_COMMUNITY) % communities.length]!;
      const state = stateOf(i);
      insertElder.run(elderId, name, address, regionId, now);
      // every home a call button; every third one a smoke detector as well, always online
      const deviceIds = [`wall-btn-${n}`, ...(i % 3 === 0 ? [`wall-smoke-${n}`] : [])];
      deviceIds.forEach((deviceId, d) => {
        const first = d === 0;
        const online = first ? state !== 'offline' && state !== 'noData' : state !== 'noData';
        const battery = first && state === 'lowBattery' ? LOW_BATTERY : 85;
        const seen = state === 'noData' ? null : now - 60_000;
        insertDevice.run(deviceId, elderId, first ? 'call_button' : 'smoke_detector', first ? '卧室' : '厨房', sha256(secretOf(deviceId)), online ? 1 : 0, seen === null ? null : battery, seen, now);
        devices += 1;
        if (!online && seen !== null) devicesOffline += 1;
      });
      homes.push({ elderId, name, address, regionId, state, deviceIds });
      counts.homes += 1;
      counts[state] += 1;
    }
  })();
  db.close();
  return { homes, counts, devices, devicesOffline, secretOf };
}
