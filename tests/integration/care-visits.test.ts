import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Elder, TaskView, VisitCoverage, VisitPolicy } from '../../schemas/index.js';
import { createPerson, createRegion, rootRegion } from '../support/care-network.js';
import { manualClock } from '../support/manual-clock.js';
import { postgresMissing, startPostgres, type PostgresCluster } from '../support/postgres.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

// Care visits (探访关爱, issue 21) over real HTTP on both store engines: the visit policy table, the visit made the
// moment an elder is registered or their groups change, visit records with their mode, retries in the same period,
// a restart that doubles nothing, and the coverage report as JSON and CSV.

const engines = [
  { engine: 'SQLite', skip: false },
  { engine: 'PostgreSQL', skip: postgresMissing() },
];

const NOW = Date.parse('2026-12-15T02:00:00Z'); // Tuesday 15 December, 10:00 in China: week 51, December, Q4

describe.each(engines)('care visits on $engine', ({ engine, skip }) => {
  let pg: PostgresCluster | undefined;
  let databaseUrl: string | undefined;
  let gw: TestGateway;
  const clock = manualClock(NOW);
  // one data folder for the gateway and its restarts (the test gateway removes only a folder it made itself)
  const dataDir = mkdtempSync(join(tmpdir(), 'care-visits-'));
  const config = (): Record<string, string> => ({ DATA_DIR: dataDir, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) });
  let east: string;
  let river: string;
  let alone: Elder;
  let severe: Elder;
  let plain: Elder;

  const tasksOf = async (elderId: string): Promise<TaskView[]> =>
    (await gw.api.request<{ items: TaskView[] }>('GET', `/api/v1/tasks?status=all&elderId=${elderId}`)).body.items.filter((t) => t.kind === 'care_visit');
  const complete = (id: string, body: Record<string, unknown>) => gw.api.request<TaskView>('POST', `/api/v1/tasks/${id}/complete`, body);
  const retry = (id: string) => gw.api.request<TaskView>('POST', `/api/v1/tasks/${id}/retry`);
  const register = async (body: Record<string, unknown>): Promise<Elder> => {
    const created = await gw.api.request<Elder>('POST', '/api/v1/elders', body);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body;
  };

  beforeAll(async () => {
    if (skip) return;
    if (engine === 'PostgreSQL') {
      pg = await startPostgres();
      databaseUrl = await pg.newDatabase();
    }
    gw = await startTestGateway(config(), { clock: clock.now });
    const county = await rootRegion(gw);
    const town = await createRegion(gw, '城关镇', 'town', county.id);
    east = (await createRegion(gw, '东门社区', 'community', town.id)).id;
    river = (await createRegion(gw, '河畔社区', 'community', town.id)).id;
  }, 90_000);

  afterAll(async () => {
    await gw?.close();
    await pg?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it.skipIf(skip)('when the policy is read, then it is the shipped default; an operator may not replace it, and an admin’s table with a bad row is refused whole', async () => {
    const policy = await gw.api.request<VisitPolicy>('GET', '/api/v1/visit-policy');
    expect(policy.status).toBe(200);
    expect(policy.body.updatedAt).toBeNull();
    expect(policy.body.rules).toContainEqual({ group: 'living_alone', assessmentLevel: null, frequency: 'monthly', modes: ['door'] });
    const operator = await createPerson(gw, 'op-visits', { displayName: '值班员', role: 'operator', regionId: (await rootRegion(gw)).id });
    expect((await operator.api.request<VisitPolicy>('GET', '/api/v1/visit-policy')).body).toEqual(policy.body);
    expect(await operator.api.request('PUT', '/api/v1/visit-policy', { rules: policy.body.rules })).toMatchObject({ status: 403 });
    const bad = [
      [{ group: null, assessmentLevel: null, frequency: 'weekly', modes: ['door'] }, 'VISIT_POLICY_RULE_EMPTY'],
      [{ group: 'living_alone', assessmentLevel: null, frequency: 'weekly', modes: [] }, 'VISIT_POLICY_NO_MODE'],
    ] as const;
    for (const [rule, code] of bad) {
      const refused = await gw.api.request('PUT', '/api/v1/visit-policy', { rules: [...policy.body.rules, rule] });
      expect(refused).toMatchObject({ status: 400, body: { error: { code } } });
    }
    const twice = await gw.api.request('PUT', '/api/v1/visit-policy', { rules: [...policy.body.rules, policy.body.rules[0]] });
    expect(twice).toMatchObject({ status: 400, body: { error: { code: 'VISIT_POLICY_DUPLICATE_RULE' } } });
    expect((await gw.api.request<VisitPolicy>('GET', '/api/v1/visit-policy')).body).toEqual(policy.body);
  });

  it.skipIf(skip)('when elders are registered, then the visit the policy owes each exists as the request returns, with its period, modes and deadline', async () => {
    alone = await register({ name: '王秀兰', address: '东门社区1栋', regionId: east, groups: ['living_alone'] });
    expect(await tasksOf(alone.id)).toEqual([
      expect.objectContaining({ status: 'open', reason: 'care_visit', period: '2026-12', attempt: 1, visitModes: ['door'], periodEndsAt: '2026-12-31T16:00:00.000Z', dueAt: '2026-12-31T15:59:59.999Z' }),
    ]);
    severe = await register({ name: '李建国', address: '河畔社区2栋', regionId: river, groups: ['living_alone'], assessment: { level: 'severe', assessedOn: '2026-06-01', assessor: '县评估中心' } });
    expect(await tasksOf(severe.id)).toEqual([expect.objectContaining({ period: '2026-W51', attempt: 1, visitModes: ['door', 'phone', 'video'], periodEndsAt: '2026-12-20T16:00:00.000Z' })]);
    plain = await register({ name: '赵大海', address: '河畔社区3栋', regionId: river });
    expect(await tasksOf(plain.id)).toEqual([]);
  });

  it.skipIf(skip)('when an elder’s groups change, then the visit the new group owes is made at once', async () => {
    const changed = await gw.api.request('PATCH', `/api/v1/elders/${plain.id}`, { groups: ['minimum_living'] });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(await tasksOf(plain.id)).toEqual([expect.objectContaining({ period: '2026-Q4', attempt: 1, visitModes: ['door', 'phone'], periodEndsAt: '2026-12-31T16:00:00.000Z' })]);
  });

  it.skipIf(skip)('when two changes of the same elder make their visit at once, then there is still one task for the period', async () => {
    const twice = await register({ name: '钱桂英', address: '河畔社区4栋', regionId: river });
    const changes = await Promise.all([
      gw.api.request('PATCH', `/api/v1/elders/${twice.id}`, { groups: ['left_behind'] }),
      gw.api.request('PATCH', `/api/v1/elders/${twice.id}`, { groups: ['left_behind'] }),
      gw.api.request('PUT', `/api/v1/elders/${twice.id}/care-profile`, { riskCategory: 'empty_nest' }),
    ]);
    expect(changes.map((c) => c.status)).toEqual([200, 200, 200]);
    expect((await tasksOf(twice.id)).map((t) => [t.period, t.attempt])).toEqual([['2026-12', 1]]);
    // not in the coverage figures below: the visit is cancelled (the elder moved away)
    const [visit] = await tasksOf(twice.id);
    expect(await gw.api.request('POST', `/api/v1/tasks/${visit!.id}/cancel`, { reason: '已搬走' })).toMatchObject({ status: 200 });
  });

  it.skipIf(skip)('when a care visit is completed, then how it was made is required; another kind may not say it', async () => {
    const [visit] = await tasksOf(alone.id);
    expect(await complete(visit!.id, { outcome: 'not_home' })).toMatchObject({ status: 400, body: { error: { code: 'VISIT_MODE_REQUIRED' } } });
    const service = await gw.api.request<TaskView>('POST', '/api/v1/service-requests', { elderId: alone.id, service: 'meals' });
    expect(service.status, JSON.stringify(service.body)).toBe(201);
    expect(await complete(service.body.id, { outcome: 'service_delivered', mode: 'door' })).toMatchObject({ status: 400, body: { error: { code: 'VISIT_MODE_NOT_APPLICABLE' } } });
    expect(await complete(service.body.id, { outcome: 'service_delivered' })).toMatchObject({ status: 200 });
    expect(await complete(visit!.id, { outcome: 'not_home', mode: 'door', note: '敲门无人应' })).toMatchObject({ status: 200, body: { status: 'done', outcome: 'not_home', visitMode: 'door' } });
  });

  it.skipIf(skip)('when nobody was home, then a retry makes the next attempt in the same period; a second retry while it is open, or once the period is covered, is refused', async () => {
    const [first] = await tasksOf(alone.id);
    const second = await retry(first!.id);
    expect(second).toMatchObject({ status: 200, body: { kind: 'care_visit', status: 'open', period: '2026-12', attempt: 2, visitModes: ['door'] } });
    expect(await retry(first!.id)).toMatchObject({ status: 409, body: { error: { code: 'VISIT_RETRY_NOT_ALLOWED' } } });
    // visited by phone, which this visit does not count: still owed, so it may be tried again
    expect(await complete(second.body.id, { outcome: 'visited', mode: 'phone' })).toMatchObject({ status: 200 });
    const third = await retry(second.body.id);
    expect(third).toMatchObject({ status: 200, body: { attempt: 3 } });
    expect(await complete(third.body.id, { outcome: 'visited', mode: 'door' })).toMatchObject({ status: 200 });
    expect(await retry(third.body.id)).toMatchObject({ status: 409, body: { error: { code: 'VISIT_RETRY_NOT_ALLOWED' } } });
  });

  it.skipIf(skip)('when the coverage of December is asked, then every place below the region is a row with its figures, and each owed period not covered is listed with why', async () => {
    const reply = await gw.api.request<VisitCoverage>('GET', '/api/v1/reports/visit-coverage?month=2026-12');
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    const coverage = reply.body;
    // owed: 王 (December, covered at the door on the third attempt), 李 (week 51, running), 赵 (Q4, running)
    expect(coverage.total).toMatchObject({ elders: 3, due: 3, covered: 1, gaps: { in_progress: 2, not_home: 0 } });
    const row = (name: string) => coverage.rows.find((r) => r.regionName === name);
    expect(row('城关镇')).toMatchObject({ depth: 1, elders: 3, due: 3, covered: 1 });
    expect(row('东门社区')).toMatchObject({ depth: 2, due: 1, covered: 1, rate: 1 });
    expect(row('河畔社区')).toMatchObject({ depth: 2, due: 2, covered: 0, rate: 0, gaps: { in_progress: 2 } });
    expect(coverage.byMode).toEqual([
      { mode: 'door', covered: 1 },
      { mode: 'phone', covered: 0 },
      { mode: 'video', covered: 0 },
    ]);
    expect(coverage.gaps.map((g) => [g.elderName, g.period, g.reason])).toEqual([
      ['李建国', '2026-W51', 'in_progress'],
      ['赵大海', '2026-Q4', 'in_progress'],
    ]);
    const csv = await fetch(`${gw.httpUrl}/api/v1/reports/visit-coverage?month=2026-12&format=csv`, { headers: { authorization: `Bearer ${gw.adminToken}` } });
    expect(csv.headers.get('content-disposition')).toContain('visit-coverage-2026-12.csv');
    const text = Buffer.from(await csv.arrayBuffer()).toString('utf8');
    expect(text).toContain('\u3000东门社区');
    expect(text).toContain('河畔社区,李建国,2026-W51,2026-12-21 00:00,进行中');
    const quarter = await gw.api.request<VisitCoverage>('GET', '/api/v1/reports/visit-coverage?quarter=2026-Q4');
    expect(quarter.body.total).toMatchObject({ due: 3, covered: 1 });
    expect((await gw.api.request('GET', '/api/v1/reports/visit-coverage?month=2026-12&quarter=2026-Q4')).status).toBe(400);
  });

  it.skipIf(skip)('when the gateway restarts in the same period, then its schedule makes no second visit for anybody', async () => {
    const before = (await gw.api.request<{ items: TaskView[] }>('GET', '/api/v1/tasks?status=all&limit=1000')).body.items.filter((t) => t.kind === 'care_visit');
    await gw.close();
    gw = await startTestGateway(config(), { clock: clock.now });
    // the schedule runs at start; give it the time of a run
    await new Promise((r) => setTimeout(r, 1500));
    const after = (await gw.api.request<{ items: TaskView[] }>('GET', '/api/v1/tasks?status=all&limit=1000')).body.items.filter((t) => t.kind === 'care_visit');
    expect(after.map((t) => t.id).sort()).toEqual(before.map((t) => t.id).sort());
  }, 60_000);

  it.skipIf(skip)('when the week turns, then the weekly elder gets the next week’s visit and the others nothing new', async () => {
    await gw.close();
    clock.set(Date.parse('2026-12-20T16:00:30Z')); // Monday 21 December, 00:00:30 in China
    gw = await startTestGateway(config(), { clock: clock.now });
    const weeks = async () => (await tasksOf(severe.id)).map((t) => t.period).sort();
    for (let i = 0; i < 50 && (await weeks()).length < 2; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await weeks()).toEqual(['2026-W51', '2026-W52']);
    expect((await tasksOf(plain.id)).map((t) => t.period)).toEqual(['2026-Q4']);
  }, 60_000);

  it.skipIf(skip)('when an admin replaces the policy, then it is audited, visits already made keep their period and modes, and the new obligation is made', async () => {
    const before = await tasksOf(alone.id);
    const rules = [{ group: 'living_alone', assessmentLevel: null, frequency: 'weekly', modes: ['video', 'door'] }];
    const put = await gw.api.request<VisitPolicy>('PUT', '/api/v1/visit-policy', { rules });
    expect(put).toMatchObject({ status: 200, body: { rules: [{ group: 'living_alone', modes: ['door', 'video'] }], updatedBy: `user:${gw.adminUser}` } });
    expect((await gw.api.request<VisitPolicy>('GET', '/api/v1/visit-policy')).body).toEqual(put.body);
    const audit = await gw.api.request<{ items: Array<{ action: string; entityType: string }> }>('GET', '/api/v1/audit?entityType=visit_policy');
    expect(audit.body.items).toEqual([expect.objectContaining({ action: 'replaced', entityType: 'visit_policy' })]);
    const weekly = async () => (await tasksOf(alone.id)).filter((t) => t.period === '2026-W52');
    for (let i = 0; i < 50 && (await weekly()).length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await weekly()).toEqual([expect.objectContaining({ attempt: 1, visitModes: ['door', 'video'] })]);
    const again = await tasksOf(alone.id);
    for (const old of before) expect(again.find((t) => t.id === old.id)).toEqual(old);
  });
});
