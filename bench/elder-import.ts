import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { idNumberCheckCharacter } from '../schemas/id-number.js';
import type { ElderImportJob } from '../schemas/elder-import.js';
import { loadConfig } from '../gateway/src/config.js';
import { startGateway, type RunningGateway } from '../gateway/src/server.js';
import { pick as pickFrom, randomInt, seededRandom } from '../device-sim/src/seeded-random.js';
import { postgresMissing, startPostgres } from '../tests/support/postgres.js';
import { gitCommit, machineInfo } from './machine-info.js';

// `npm run bench:import` (a few minutes): importing a county's civil-affairs list of 20,000 elders (issue 21) into a
// real gateway over real HTTP, SQLite and (when its binaries are installed) PostgreSQL: the dry run and the commit of
// a CSV, the same list again (every row unchanged: idempotent), and the dry run and commit of an XLSX into a fresh
// store. The baseline in the same run: the first 1,000 rows as POST /elders one by one, scaled to the list (what a
// county would do without the import). Prints a table and writes bench/results/<date>-<host>-elder-import.{json,md}.

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 20_000);
const BASELINE_ROWS = Number(process.env.BENCH_IMPORT_BASELINE_ROWS ?? 1_000);
const ADMIN = { username: 'admin', password: 'bench-admin-password' };

/** The simulator's seeded PRNG (mulberry32): the same list on every run, so runs compare. */
const rand = seededRandom(21_12349);
const int = (min: number, max: number) => randomInt(rand, min, max);
const pick = <T>(items: readonly T[]): T => pickFrom(rand, items);

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔'];
const GIVEN = [...'秀英桂兰玉珍凤芳建国明华德福荣春梅金花淑贞志强国庆海军文秀云红丽霞永生宝山长青小平爱民振华淑芬翠兰素珍'];
const TOWNS = ['城关镇', '东坝镇', '西山镇', '南湖镇', '北岭镇', '青石镇', '白沙镇', '河口镇', '桃源镇', '新桥镇'];
const COMMUNITIES = ['幸福社区', '和平社区', '光明村', '团结村', '红星社区'];
const GROUPS = ['独居', '空巢', '留守', '失能', '低保', '特困', '独居、低保', '空巢、失能', ''];
const HEADER = ['姓名', '身份证号', '性别', '出生日期', '电话', '住址', '镇/街道', '社区', '人群类别', '监护人', '监护人电话'];

/** Row i's ID number: unique by its sequence digits, with a real birth date and the right check character. */
function idNumber(i: number): string {
  const first17 = `3301${String(10 + (i % 90)).padStart(2, '0')}19${30 + (i % 26)}${String(1 + (i % 12)).padStart(2, '0')}${String(1 + (i % 28)).padStart(2, '0')}${String(Math.floor(i / 90) % 1000).padStart(3, '0')}`;
  return first17 + idNumberCheckCharacter(first17);
}

/** Rows i … i+n-1 of the list; town and community names repeat across towns, so the town column matters. */
function rows(from: number, n: number): string[][] {
  return Array.from({ length: n }, (_, k) => {
    const i = from + k;
    const id = idNumber(i);
    const t = int(0, TOWNS.length - 1);
    const community = COMMUNITIES[int(0, COMMUNITIES.length - 1)]!;
    const sex = Number(id[16]) % 2 === 1 ? '男' : '女';
    const guardian = rand() < 0.6;
    return [
      `${pick(SURNAMES)}${pick(GIVEN)}${pick(GIVEN)}`,
      id,
      sex,
      `${id.slice(6, 10)}/${Number(id.slice(10, 12))}/${Number(id.slice(12, 14))}`,
      `1${pick(['3', '5', '8'])}${String(int(0, 999_999_999)).padStart(9, '0')}`,
      `${TOWNS[t]}${community}${int(1, 80)}号${int(1, 6)}单元${int(1, 18)}0${int(1, 4)}室`,
      TOWNS[t]!,
      community,
      pick(GROUPS),
      guardian ? `${pick(SURNAMES)}${pick(GIVEN)}` : '',
      guardian ? `139${String(int(0, 99_999_999)).padStart(8, '0')}` : '',
    ];
  });
}

const csvOf = (data: string[][]): Buffer =>
  Buffer.from(`\uFEFF${[HEADER, ...data].map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(',')).join('\r\n')}\r\n`);

async function xlsxOf(data: string[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('名册');
  sheet.addRow(HEADER);
  for (const r of data) sheet.addRow(r);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

interface Gateway {
  gw: RunningGateway;
  token: string;
  close(): Promise<void>;
}

async function startBenchGateway(databaseUrl: string | null): Promise<Gateway> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-import-'));
  const config = loadConfig({
    HOST: '127.0.0.1',
    HTTP_PORT: '0',
    MQTT_PORT: '0',
    LOG_LEVEL: 'silent',
    GATEWAY_ADMIN_USER: ADMIN.username,
    GATEWAY_ADMIN_PASSWORD: ADMIN.password,
    DATA_DIR: dataDir,
    // The baseline posts elders as fast as it can from one address: the limiter is not what it measures.
    RATE_LIMIT_WRITE_PER_MINUTE: '1000000',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  });
  const gw = await startGateway(config);
  const call = async <T>(method: string, path: string, body?: unknown, token?: string): Promise<T> => {
    const res = await fetch(`${gw.httpUrl}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? null : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const { token } = await call<{ token: string }>('POST', '/api/v1/auth/login', ADMIN);
  const root = (await call<{ items: { id: string; parentId: string | null }[] }>('GET', '/api/v1/regions', undefined, token)).items.find((r) => r.parentId === null)!;
  for (const town of TOWNS) {
    const t = await call<{ id: string }>('POST', '/api/v1/regions', { name: town, level: 'town', parentId: root.id }, token);
    for (const community of COMMUNITIES) await call('POST', '/api/v1/regions', { name: community, level: 'community', parentId: t.id }, token);
  }
  return {
    gw,
    token,
    async close() {
      await gw.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Posts the file and polls its job to the end: the seconds an operator waits, and the job. */
async function timedImport(g: Gateway, file: Buffer, query: string): Promise<{ seconds: number; job: ElderImportJob }> {
  const t0 = performance.now();
  const res = await fetch(`${g.gw.httpUrl}/api/v1/elder-imports?${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${g.token}`, 'content-type': 'application/octet-stream' },
    body: new Uint8Array(file),
  });
  if (res.status !== 202) throw new Error(`import refused: ${res.status} ${await res.text()}`);
  const { id } = (await res.json()) as { id: string };
  for (;;) {
    const job = (await (await fetch(`${g.gw.httpUrl}/api/v1/elder-imports/${id}`, { headers: { authorization: `Bearer ${g.token}` } })).json()) as ElderImportJob;
    if (job.state === 'done' || job.state === 'failed') return { seconds: (performance.now() - t0) / 1000, job };
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The first BASELINE_ROWS rows as POST /elders one by one (the same fields), scaled to ROWS. */
async function baseline(g: Gateway, data: string[][]): Promise<{ seconds: number; scaledSeconds: number }> {
  const regions = (await (await fetch(`${g.gw.httpUrl}/api/v1/regions`, { headers: { authorization: `Bearer ${g.token}` } })).json()) as { items: { id: string; name: string; parentId: string | null }[] };
  const byName = new Map(regions.items.map((r) => [r.name, r.id]));
  const communityOf = (town: string, name: string) => regions.items.find((r) => r.name === name && r.parentId === byName.get(town))!.id;
  const t0 = performance.now();
  for (const [name, id, , , phone, address, town, community, , guardian, guardianPhone] of data) {
    const body = { name, idNumber: id, phone, address, regionId: communityOf(town!, community!), ...(guardian ? { contacts: [{ name: guardian, relation: '监护人', phone: guardianPhone, guardian: true }] } : {}) };
    const res = await fetch(`${g.gw.httpUrl}/api/v1/elders`, { method: 'POST', headers: { authorization: `Bearer ${g.token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (res.status !== 201) throw new Error(`POST /elders → ${res.status} ${await res.text()}`);
  }
  const seconds = (performance.now() - t0) / 1000;
  return { seconds, scaledSeconds: (seconds * ROWS) / data.length };
}

interface Row {
  engine: string;
  step: string;
  seconds: number;
  rowsPerSecond: number;
  counts: string;
}

async function runEngine(engine: string, databaseUrl: () => Promise<string | null>, csv: Buffer, xlsx: Buffer, extra: string[][]): Promise<Row[]> {
  const out: Row[] = [];
  const record = (step: string, r: { seconds: number; job: ElderImportJob }) => {
    const c = r.job.report?.counts;
    if (r.job.state !== 'done') throw new Error(`${engine} ${step}: ${r.job.state} ${JSON.stringify(r.job.error)}`);
    out.push({ engine, step, seconds: r.seconds, rowsPerSecond: Math.round(ROWS / r.seconds), counts: c ? `+${c.create} ~${c.update} =${c.unchanged} !${c.bad}` : '' });
    console.info(`${engine} ${step}: ${r.seconds.toFixed(2)} s`);
  };
  const a = await startBenchGateway(await databaseUrl());
  try {
    record('CSV dry run', await timedImport(a, csv, 'dryRun=true'));
    record('CSV commit (all new)', await timedImport(a, csv, 'dryRun=false'));
    record('CSV again (all unchanged)', await timedImport(a, csv, 'dryRun=false'));
    const base = await baseline(a, extra);
    out.push({ engine, step: `baseline: POST /elders × ${extra.length}, scaled to ${ROWS}`, seconds: base.scaledSeconds, rowsPerSecond: Math.round(extra.length / base.seconds), counts: `measured ${base.seconds.toFixed(2)} s` });
  } finally {
    await a.close();
  }
  const b = await startBenchGateway(await databaseUrl());
  try {
    record('XLSX dry run', await timedImport(b, xlsx, 'dryRun=true'));
    record('XLSX commit (all new)', await timedImport(b, xlsx, 'dryRun=false'));
  } finally {
    await b.close();
  }
  return out;
}

async function main(): Promise<void> {
  const machine = machineInfo();
  const startedAt = new Date().toISOString();
  const root = new URL('../', import.meta.url).pathname;
  const list = rows(0, ROWS);
  const extra = rows(ROWS, BASELINE_ROWS);
  const csv = csvOf(list);
  const xlsx = await xlsxOf(list);
  console.info(`list: ${ROWS} rows, CSV ${(csv.length / 2 ** 20).toFixed(1)} MB, XLSX ${(xlsx.length / 2 ** 20).toFixed(1)} MB`);

  const results: Row[] = await runEngine('SQLite', async () => null, csv, xlsx, extra);
  let postgres = 'not installed: skipped';
  if (!postgresMissing()) {
    const pg = await startPostgres();
    try {
      results.push(...(await runEngine('PostgreSQL', () => pg.newDatabase(), csv, xlsx, extra)));
      postgres = 'ran';
    } finally {
      await pg.stop();
    }
  }
  const md = [
    `# Importing a list of elders (${startedAt.slice(0, 10)})`,
    '',
    `Machine: ${machine.cpuModel}, ${machine.cores} cores, ${Math.round(machine.ramBytes / 2 ** 30)} GB, ${machine.os}, Node ${machine.node}, load ${machine.loadAverageAtStart.toFixed(2)} at start. Commit ${gitCommit(root)}. PostgreSQL: ${postgres}.`,
    `${ROWS} rows (CSV ${(csv.length / 2 ** 20).toFixed(1)} MB, XLSX ${(xlsx.length / 2 ** 20).toFixed(1)} MB), from POST to the job's end over real HTTP. Counts: +created ~updated =unchanged !bad.`,
    '',
    '| engine | step | seconds | rows/s | counts |',
    '| --- | --- | ---: | ---: | --- |',
    ...results.map((r) => `| ${r.engine} | ${r.step} | ${r.seconds.toFixed(2)} | ${r.rowsPerSecond} | ${r.counts} |`),
    '',
  ].join('\n');
  console.info(`\n${md}`);
  const dir = join(root, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const base = `${startedAt.slice(0, 10)}-${machine.hostname.replace(/[^A-Za-z0-9.-]/g, '_')}-elder-import`;
  writeFileSync(join(dir, `${base}.json`), `${JSON.stringify({ machine, startedAt, commit: gitCommit(root), rows: ROWS, baselineRows: BASELINE_ROWS, postgres, results }, null, 2)}\n`);
  writeFileSync(join(dir, `${base}.md`), md);
  console.info(`written: bench/results/${base}.{json,md}`);
}

await main();
