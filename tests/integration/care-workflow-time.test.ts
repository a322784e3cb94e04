import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { AlarmReport, AlertDetail, AlertView, TaskView, VisitCoverage } from '../../schemas/index.js';
import { createApiClient } from '../support/api-client.js';
import { setUpCareNetwork } from '../support/care-network.js';
import { manualClock } from '../support/manual-clock.js';
import { eventually } from '../support/mqtt-device.js';
import { startTestGateway } from '../support/test-gateway.js';

// The workflow across time: a restart in the middle of an escalation, the monthly visit schedule over a month
// boundary, and the report figures checked against a scenario whose answers are known.

function freshDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gateway-workflow-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function body<T>(reply: Promise<{ status: number; body: unknown }>, status = 200): Promise<T> {
  const r = await reply;
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r.body as T;
}

describe('care workflow over time', () => {
  it('when the gateway restarts in the middle of an escalation, then each escalation step fires once after the restart and never again', async () => {
    const config = { DATA_DIR: freshDataDir(), DEADLINE_TICK_MS: '50', ESCALATION_P1_SECONDS: '2,4' };
    const first = await startTestGateway(config);
    let alertId = '';
    try {
      const net = await setUpCareNetwork(first);
      await net.elderA.button.send('events', 'sos');
      const [alert] = await net.operatorA.api.listAlerts('open');
      alertId = alert?.id ?? '';
      expect(alert?.escalationLevel).toBe(0);
      await net.elderA.button.client.endAsync();
      await net.elderB.button.client.endAsync();
    } finally {
      await first.close();
    }
    await new Promise((r) => setTimeout(r, 4500)); // both steps fall due while the gateway is down

    const second = await startTestGateway(config);
    try {
      const detail = await eventually(
        () => second.api.getAlert(alertId),
        (a) => a.escalationLevel === 2,
      );
      expect(detail.timeline.filter((t) => t.action === 'escalated')).toHaveLength(2);
    } finally {
      await second.close();
    }
    const third = await startTestGateway(config);
    try {
      await new Promise((r) => setTimeout(r, 500));
      const detail = await third.api.getAlert(alertId);
      expect(detail.timeline.filter((t) => t.action === 'escalated')).toHaveLength(2);
    } finally {
      await third.close();
    }
  }, 30_000);

  it('when the month turns at local midnight, then every elder the visit policy names gets one care visit for the new month, the old month is not doubled across restarts, and coverage counts visits made in a way that counts', async () => {
    const dataDir = freshDataDir();
    const clock = manualClock(Date.parse('2026-11-30T15:58:00Z')); // 23:58 on 30 November in China
    const first = await startTestGateway({ DATA_DIR: dataDir }, { clock: clock.now });
    let net: Awaited<ReturnType<typeof setUpCareNetwork>>;
    try {
      net = await setUpCareNetwork(first);
      // Registering an elder makes their care visit at once (registration.service.ts), before the request returns.
      const made = (await first.api.listTasks('all')).filter((t) => t.kind === 'care_visit');
      expect(made.map((t) => [t.period, t.attempt])).toEqual([['2026-11', 1], ['2026-11', 1]]);
    } finally {
      await first.close();
    }
    const november = await startTestGateway({ DATA_DIR: dataDir }, { clock: clock.now });
    try {
      const visits = await eventually(
        async () => (await november.api.listTasks('all')).filter((t) => t.kind === 'care_visit'),
        (list) => list.length === 2,
      );
      expect(visits.map((t) => t.period)).toEqual(['2026-11', '2026-11']);
      const ofA = visits.find((t) => t.elder.id === net.elderA.id) as TaskView;
      const api = createApiClient(november.httpUrl);
      await api.login(net.responderA.user.username, net.responderA.password);
      await body(november.api.request('POST', `/api/v1/tasks/${ofA.id}/assign`, { responderId: net.responderA.user.id }));
      await body(api.request('POST', `/api/v1/tasks/${ofA.id}/complete`, { outcome: 'visited', mode: 'door', note: '老人精神好' }));
    } finally {
      await november.close();
    }

    clock.set(Date.parse('2026-11-30T16:00:30Z')); // 00:00:30 on 1 December in China
    const december = await startTestGateway({ DATA_DIR: dataDir }, { clock: clock.now });
    try {
      const visits = await eventually(
        async () => (await december.api.listTasks('all')).filter((t) => t.kind === 'care_visit'),
        (list) => list.length === 4,
      );
      expect(visits.filter((t) => t.period === '2026-11')).toHaveLength(2);
      expect(visits.filter((t) => t.period === '2026-12')).toHaveLength(2);

      const coverage = await body<VisitCoverage>(december.api.request('GET', `/api/v1/reports/visit-coverage?month=2026-11`));
      const rowA = coverage.rows.find((r) => r.regionId === net.communityA.id);
      const rowB = coverage.rows.find((r) => r.regionId === net.communityB.id);
      expect(rowA).toMatchObject({ elders: 1, due: 1, covered: 1, rate: 1 });
      // November has ended: B's visit was never made
      expect(rowB).toMatchObject({ elders: 1, due: 1, covered: 0, rate: 0, gaps: { not_attempted: 1 } });
      expect(coverage.total).toMatchObject({ due: 2, covered: 1, rate: 0.5 });
      expect(coverage.gaps).toEqual([expect.objectContaining({ elderId: net.elderB.id, period: '2026-11', reason: 'not_attempted', regionName: net.communityB.name })]);
      const csv = await fetch(`${december.httpUrl}/api/v1/reports/visit-coverage?month=2026-11&format=csv`, { headers: { authorization: `Bearer ${december.adminToken}` } });
      expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
      const bytes = Buffer.from(await csv.arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM Excel needs for Chinese headers
      const text = bytes.toString('utf8');
      expect(text).toContain(net.communityA.name);
      expect(text).toContain('【未覆盖名单】');
      expect(text).toContain('未探访');
    } finally {
      await december.close();
    }
  }, 30_000);

  it('when alerts are acknowledged after known delays, then the report gives the median, p90, share within 60 s, arrival time and false-alarm rate', async () => {
    const start = Date.parse('2026-11-23T02:00:00Z');
    const clock = manualClock(start);
    const gw = await startTestGateway({ DATA_DIR: freshDataDir(), ESCALATION_P1_SECONDS: '86400' }, { clock: clock.now });
    try {
      const net = await setUpCareNetwork(gw);
      const op = net.operatorA.api;
      const sos = async (): Promise<AlertView> => {
        await net.elderA.button.send('events', 'sos');
        const open = (await op.listAlerts('open')).filter((a) => a.elder.id === net.elderA.id);
        return open[0] as AlertView;
      };
      const close = (id: string) => body(op.request('POST', `/api/v1/alerts/${id}/resolve`, { reason: 'handled_by_phone' }));

      const a1 = await sos(); // acknowledged after 30 s; responder on site 150 s after the press
      clock.advance(30_000);
      await body(op.request('POST', `/api/v1/alerts/${a1.id}/ack`, {}));
      await body(op.request('POST', `/api/v1/alerts/${a1.id}/dispatch`, { responderId: net.responderA.user.id }));
      await body(net.responderA.api.request('POST', `/api/v1/alerts/${a1.id}/accept`));
      clock.advance(120_000);
      await body(net.responderA.api.request('POST', `/api/v1/alerts/${a1.id}/arrive`));
      await body(net.responderA.api.request('POST', `/api/v1/alerts/${a1.id}/resolve`, { reason: 'handled_on_site' }));

      const a2 = await sos(); // acknowledged after 90 s
      clock.advance(90_000);
      await body(op.request('POST', `/api/v1/alerts/${a2.id}/ack`, {}));
      await close(a2.id);

      const a3 = await sos(); // a false alarm 10 s after the press
      clock.advance(10_000);
      await body(op.request('POST', `/api/v1/alerts/${a3.id}/false-alarm`, { note: '误按' }));

      const a4 = await sos(); // resolved straight away after 45 s (that counts as its acknowledgement)
      clock.advance(45_000);
      await close(a4.id);

      const from = new Date(start - 3600_000).toISOString();
      const to = new Date(clock.now() + 3600_000).toISOString();
      const report = await body<AlarmReport>(op.request('GET', `/api/v1/reports/alarms?from=${from}&to=${to}&regionId=${net.townA.id}`));
      expect(report).toMatchObject({
        total: 4,
        testAlerts: 0,
        byType: [{ type: 'sos', priority: 1, count: 4 }],
        timeToAcknowledge: { count: 4, medianSeconds: 37.5, p90Seconds: 90, within60sShare: 0.75 },
        timeToArrive: { count: 1, medianSeconds: 150, p90Seconds: 150 },
        falseAlarms: 1,
        falseAlarmRate: 0.25,
      });
      const other = await body<AlarmReport>(gw.api.request('GET', `/api/v1/reports/alarms?from=${from}&to=${to}&regionId=${net.townB.id}`));
      expect(other.total).toBe(0);
      expect((await op.request('GET', `/api/v1/reports/alarms?from=${from}&to=${to}&regionId=${net.townB.id}`)).status).toBe(403);
      const detail = await body<AlertDetail>(op.request('GET', `/api/v1/alerts/${a3.id}`));
      expect(detail.status).toBe('false_alarm');
    } finally {
      await gw.close();
    }
  }, 30_000);
});
