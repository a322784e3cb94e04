import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { idNumberCheckCharacter } from '../schemas/id-number.js';
import { ElderLookupIndex, type LookupFields } from '../gateway/src/app/directories/elder-lookup-index.js';
import { rankElders } from '../gateway/src/core/calls/elder-lookup.js';
import { gitCommit, machineInfo } from './machine-info.js';

// `npm run bench:lookup` (about a minute): how fast the desk finds a caller among 20,000 elders, in-process.
// Builds the in-memory index (app/directories/elder-lookup-index.ts) from generated elders with names, addresses,
// numbers written the many ways people write them, contacts and ID numbers, then runs 2,000 lookups of each kind
// (a whole mobile, a landline with +86, 4 digits of a number, a name, the end of an ID number, part of an address)
// as the county's admin, who sees every elder: the widest scan; and the first lookup after an elder changed (the
// changed elder is compared aside until the searched fields are joined again, elder-lookup-index.ts). The baseline in the same run is the plain ranking
// (core/calls/elder-lookup.ts `rankElders`): a linear scan that normalises every stored number on every query, over
// fewer queries because it is slow. Both must give the same answers; the run says how many differed.
// Prints a table and writes bench/results/<date>-<host>-elder-lookup.{json,md}.

const ELDERS = Number(process.env.BENCH_LOOKUP_ELDERS ?? 20_000);
const QUERIES_PER_KIND = Number(process.env.BENCH_LOOKUP_QUERIES ?? 2_000);
const BASELINE_QUERIES_PER_KIND = Number(process.env.BENCH_LOOKUP_BASELINE_QUERIES ?? 100);
const LIMIT = 10;
const AREA_CODE = '0571';

/** mulberry32: the same elders and queries on every run, so runs compare. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = random(19_12349);
const int = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1));
const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
const digits = (n: number) => Array.from({ length: n }, () => int(0, 9)).join('');

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'];
const GIVEN = [...'秀英桂兰玉珍凤芳建国明华德福荣春梅金花淑贞志强国庆海军文秀云红丽霞永生宝山长青小平爱民振华淑芬翠兰素珍'];
const TOWNS = ['城关镇', '东坝镇', '西山镇', '南湖镇', '北岭镇', '青石镇', '白沙镇', '河口镇', '桃源镇', '新桥镇'];
const COMMUNITIES = ['幸福社区', '和平社区', '光明村', '团结村', '红星社区'];
const STREETS = ['人民路', '建设路', '解放街', '中山路', '新华街', '胜利路'];

const mobile = () => `1${pick(['3', '5', '7', '8', '9'])}${digits(9)}`;
const landline = () => `${AREA_CODE}${int(2, 8)}${digits(7)}`;

/** A stored number as the registration form received it. */
function written(canonical: string): string {
  if (canonical.startsWith('0')) {
    const area = canonical.slice(0, 4);
    const sub = canonical.slice(4);
    return pick([`(${area}) ${sub.slice(0, 4)}-${sub.slice(4)}`, `${area}-${sub}`, canonical, `${sub.slice(0, 4)} ${sub.slice(4)}`]);
  }
  return pick([canonical, `${canonical.slice(0, 3)}-${canonical.slice(3, 7)}-${canonical.slice(7)}`, `+86 ${canonical}`, `${canonical.slice(0, 3)} ${canonical.slice(3, 7)} ${canonical.slice(7)}`]);
}

function idNumber(): string {
  const first17 = `3301${int(0, 9)}${int(0, 9)}${int(1930, 1955)}${String(int(1, 12)).padStart(2, '0')}${String(int(1, 28)).padStart(2, '0')}${digits(3)}`;
  return first17 + idNumberCheckCharacter(first17);
}

interface Generated {
  elders: LookupFields[];
  regionPaths: Map<string, string>;
  /** Canonical numbers in the index (elders' and contacts'), by kind, and the generated addresses. */
  mobiles: string[];
  landlines: string[];
}

function generate(n: number): Generated {
  const regionPaths = new Map<string, string>();
  TOWNS.forEach((_, t) => COMMUNITIES.forEach((__, c) => regionPaths.set(`c-${t}-${c}`, `/county/town-${t}/c-${t}-${c}/`)));
  const elders: LookupFields[] = [];
  const mobiles: string[] = [];
  const landlines: string[] = [];
  for (let i = 0; i < n; i++) {
    const t = int(0, TOWNS.length - 1);
    const c = int(0, COMMUNITIES.length - 1);
    const own = rand() < 0.25 ? landline() : mobile();
    const hasPhone = rand() < 0.95;
    if (hasPhone) (own.startsWith('0') ? landlines : mobiles).push(own);
    const contacts = Array.from({ length: int(0, 3) }, () => {
      const number = mobile();
      mobiles.push(number);
      return { name: `${pick(SURNAMES)}${pick(GIVEN)}${pick(GIVEN)}`, relation: pick(['儿子', '女儿', '邻居', '侄子', '网格员']), phone: written(number), notify: rand() < 0.5 };
    });
    const address = COMMUNITIES[c]!.endsWith('村')
      ? `${TOWNS[t]}${COMMUNITIES[c]}${int(1, 300)}号`
      : `${TOWNS[t]}${COMMUNITIES[c]}${pick(STREETS)}${int(1, 80)}号${int(1, 30)}号楼${int(1, 6)}单元${int(1, 18)}0${int(1, 4)}室`;
    elders.push({
      id: `elder-${String(i).padStart(5, '0')}`,
      name: `${pick(SURNAMES)}${pick(GIVEN)}${rand() < 0.7 ? pick(GIVEN) : ''}`,
      address,
      phone: hasPhone ? written(own) : null,
      regionId: `c-${t}-${c}`,
      contacts,
      idNumber: rand() < 0.7 ? idNumber() : null,
    });
  }
  return { elders, regionPaths, mobiles, landlines };
}

type Kind = 'mobile' | 'landline_plus86' | 'fragment_4' | 'name' | 'id_tail' | 'address';
const KINDS: readonly Kind[] = ['mobile', 'landline_plus86', 'fragment_4', 'name', 'id_tail', 'address'];

function queryOf(kind: Kind, g: Generated): string {
  switch (kind) {
    case 'mobile': {
      const m = pick(g.mobiles);
      return pick([m, `+86 ${m.slice(0, 3)} ${m.slice(3, 7)} ${m.slice(7)}`, `0086-${m}`, `${m.slice(0, 3)}-${m.slice(3, 7)}-${m.slice(7)}`]);
    }
    case 'landline_plus86': {
      const l = pick(g.landlines);
      return `+86 ${l.slice(1, 4)} ${l.slice(4, 8)} ${l.slice(8)}`;
    }
    case 'fragment_4':
      return pick(rand() < 0.5 ? g.mobiles : g.landlines).slice(-4);
    case 'name':
      return pick(g.elders).name;
    case 'id_tail': {
      const withId = pick(g.elders.filter((e) => e.idNumber !== null));
      return withId.idNumber!.slice(-int(4, 6));
    }
    case 'address': {
      const a = pick(g.elders).address;
      // What a caller says: the community and the building, or the village and the house number.
      const m = /(?:社区|村)(.+?号)/.exec(a);
      return m ? `${/([^镇]+(?:社区|村))/.exec(a)![1]}${m[1]}` : a.slice(3, 9);
    }
  }
}

interface Stats {
  queries: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  meanHits: number;
}

function stats(times: number[], hits: number[]): Stats {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  const round = (ms: number) => Math.round(ms * 1000) / 1000;
  return { queries: times.length, p50Ms: round(at(0.5)), p99Ms: round(at(0.99)), maxMs: round(sorted[sorted.length - 1]!), meanHits: Math.round((hits.reduce((s, h) => s + h, 0) / hits.length) * 10) / 10 };
}

function main(): void {
  const machine = machineInfo();
  const startedAt = new Date().toISOString();
  const root = new URL('../', import.meta.url).pathname;

  const generatedAt = performance.now();
  const g = generate(ELDERS);
  const generateMs = performance.now() - generatedAt;
  const buildStart = performance.now();
  const index = ElderLookupIndex.load(g.elders, { areaCode: AREA_CODE });
  const buildMs = performance.now() - buildStart;
  const heapMb = Math.round(process.memoryUsage().heapUsed / 2 ** 20);

  // The county's admin: every region is visible, asked once per region per lookup, as the service does.
  const visible = (regionId: string) => (g.regionPaths.get(regionId) ?? '').startsWith('/county/');
  const queries = new Map(KINDS.map((k) => [k, Array.from({ length: QUERIES_PER_KIND }, () => queryOf(k, g))]));

  // Warm-up: the first calls compile the code paths; they are not what an operator waits for all day.
  for (const k of KINDS) for (const q of queries.get(k)!.slice(0, 100)) index.lookup(q, { limit: LIMIT, visible });


  const rows: Array<{ kind: Kind; index: Stats; baseline: Stats; differing: number }> = [];
  for (const kind of KINDS) {
    const list = queries.get(kind)!;
    const times: number[] = [];
    const hits: number[] = [];
    const answers: string[] = [];
    for (const q of list) {
      const t0 = performance.now();
      const items = index.lookup(q, { limit: LIMIT, visible });
      times.push(performance.now() - t0);
      hits.push(items.length);
      answers.push(items.map((i) => i.id).join(','));
    }
    const baseTimes: number[] = [];
    const baseHits: number[] = [];
    let differing = 0;
    list.slice(0, BASELINE_QUERIES_PER_KIND).forEach((q, i) => {
      const t0 = performance.now();
      const items = rankElders(q, g.elders.filter((e) => visible(e.regionId)), { limit: LIMIT, areaCode: AREA_CODE });
      baseTimes.push(performance.now() - t0);
      baseHits.push(items.length);
      if (items.map((x) => x.id).join(',') !== answers[i]) differing += 1;
    });
    rows.push({ kind, index: stats(times, hits), baseline: stats(baseTimes, baseHits), differing });
    console.info(`${kind}: index p50 ${rows.at(-1)!.index.p50Ms} ms, baseline p50 ${rows.at(-1)!.baseline.p50Ms} ms`);
  }

  // A registration or an edit, then the next lookup, with the changed elder aside. Last, so that the
  // comparison with the baseline above ran on the elders as generated.
  const afterChange: number[] = [];
  for (let i = 0; i < 50; i++) {
    const changed = g.elders[int(0, g.elders.length - 1)]!;
    index.put({ ...changed, phone: written(mobile()) });
    const t0 = performance.now();
    index.lookup(queryOf('name', g), { limit: LIMIT, visible });
    afterChange.push(performance.now() - t0);
  }
  const firstAfterChange = stats(afterChange, afterChange.map(() => 0));

  const results = {
    machine,
    startedAt,
    commit: gitCommit(root),
    elders: ELDERS,
    contacts: g.elders.reduce((s, e) => s + e.contacts.length, 0),
    limit: LIMIT,
    generateMs: Math.round(generateMs),
    indexBuildMs: Math.round(buildMs),
    heapUsedMbAfterBuild: heapMb,
    firstLookupAfterChange: { p50Ms: firstAfterChange.p50Ms, p99Ms: firstAfterChange.p99Ms, maxMs: firstAfterChange.maxMs, samples: afterChange.length },
    rows,
  };
  const md = renderMarkdown(results);
  console.info(`\n${md}`);
  const dir = join(root, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const base = `${startedAt.slice(0, 10)}-${machine.hostname.replace(/[^A-Za-z0-9.-]/g, '_')}-elder-lookup`;
  writeFileSync(join(dir, `${base}.json`), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(dir, `${base}.md`), md);
  console.info(`written: bench/results/${base}.{json,md}`);
}

const KIND_LABELS: Record<Kind, string> = {
  mobile: 'whole mobile, any format (手机号)',
  landline_plus86: 'landline with +86 (座机)',
  fragment_4: '4 digits of a number (尾号)',
  name: 'full name (姓名)',
  id_tail: 'ID number, last 4–6 (身份证尾号)',
  address: 'address fragment (地址)',
};

function renderMarkdown(r: {
  machine: ReturnType<typeof machineInfo>;
  startedAt: string;
  commit: string;
  elders: number;
  contacts: number;
  limit: number;
  indexBuildMs: number;
  heapUsedMbAfterBuild: number;
  firstLookupAfterChange: { p50Ms: number; p99Ms: number; maxMs: number; samples: number };
  rows: Array<{ kind: Kind; index: Stats; baseline: Stats; differing: number }>;
}): string {
  const m = r.machine;
  const lines = r.rows.map(
    ({ kind, index: x, baseline: b, differing }) =>
      `| ${KIND_LABELS[kind]} | ${x.queries} | ${x.p50Ms} | ${x.p99Ms} | ${x.maxMs} | ${x.meanHits} | ${b.queries} | ${b.p50Ms} | ${b.p99Ms} | ${b.maxMs} | ${differing} |`,
  );
  return `# Finding the caller: elder lookup (${r.startedAt.slice(0, 10)})

${m.cpuModel}, ${m.cores} cores, ${Math.round(m.ramBytes / 2 ** 30)} GB, ${m.os}, Node.js ${m.node}; commit ${r.commit};
load average at start ${m.loadAverageAtStart.toFixed(2)}. In-process, one thread.

${r.elders.toLocaleString('en')} generated elders with ${r.contacts.toLocaleString('en')} contacts; the index was built in ${r.indexBuildMs} ms
(heap after building: ${r.heapUsedMbAfterBuild} MB). Each lookup asks for the best ${r.limit}, as the county's admin (every elder
visible: the widest scan). Baseline: the plain ranking (a linear scan normalising every stored number on every query)
on the first queries of each kind; "differing" counts baseline answers that were not the index's.

| query | index: queries | p50 ms | p99 ms | max ms | hits (mean) | baseline: queries | p50 ms | p99 ms | max ms | differing |
|---|---|---|---|---|---|---|---|---|---|---|
${lines.join('\n')}

The first lookup (a name) right after an elder was registered or changed, with the changed elder compared aside:
p50 ${r.firstLookupAfterChange.p50Ms} ms, max ${r.firstLookupAfterChange.maxMs} ms over ${r.firstLookupAfterChange.samples} changes.
`;
}

main();
