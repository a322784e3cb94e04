import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { AlertView, Handover, HandoverNoteReply } from '../../schemas/index.js';
import { setUpCareNetwork } from '../support/care-network.js';
import { manualClock } from '../support/manual-clock.js';
import { connectDevice, eventually } from '../support/mqtt-device.js';
import { startTestGateway } from '../support/test-gateway.js';

// GET /handover and POST /handover/notes (issue 20) on a real gateway with a clock the test moves: a shift with one
// alarm resolved by phone (its follow-up visit then overdue), one on hold, one P1 nobody acknowledged until it
// escalated, an alarm in another town, and a note for the next shift. Every figure of the summary is checked.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

async function body<T>(reply: Promise<{ status: number; body: unknown }>, status = 200): Promise<T> {
  const r = await reply;
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r.body as T;
}

describe('shift handover', () => {
  it('when a shift had a resolved alarm, one on hold, an escalated unacknowledged P1 and a note, then the handover names and counts each', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gateway-handover-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const start = Date.parse('2026-11-23T10:00:00Z');
    const clock = manualClock(start);
    // devices stay "online" through the two hours the clock jumps, so no offline alarm muddies the counts
    const gw = await startTestGateway(
      { DATA_DIR: dir, FOLLOW_UP_HOURS: '1', HEARTBEAT_TIMEOUT_SECONDS: '86400', TEST_SIGNAL_INTERVAL_HOURS: '1000', DEADLINE_TICK_MS: '50' },
      { clock: clock.now },
    );
    onTestFinished(() => gw.close());
    const net = await setUpCareNetwork(gw);
    onTestFinished(() => net.close());
    const op = net.operatorA.api;
    const third = await body<{ id: string }>(
      gw.api.request('POST', '/api/v1/elders', { name: '丙老人', address: '幸福社区3号', regionId: net.communityA.id, riskCategory: 'alone', contacts: [], assignedResponderIds: [] }),
      201,
    );
    const thirdButton = await connectDevice(gw, third.id, 'call_button');

    const openSos = async (elderId: string): Promise<AlertView> =>
      eventually(
        async () => (await op.listAlerts('open')).find((a) => a.elder.id === elderId && a.status === 'raised'),
        (a) => a !== undefined,
      ) as Promise<AlertView>;

    // 1. an SOS resolved by phone: closed in the shift, and its follow-up visit due an hour later
    await net.elderA.button.send('events', 'sos');
    const resolved = await openSos(net.elderA.id);
    await body(op.request('POST', `/api/v1/alerts/${resolved.id}/ack`, {}));
    await body(op.request('POST', `/api/v1/alerts/${resolved.id}/resolve`, { reason: 'handled_by_phone', note: '老人误按，已电话确认平安' }));
    // 2. a second press: acknowledged and put on hold for ten hours
    await net.elderA.button.send('events', 'sos');
    const held = await openSos(net.elderA.id);
    await body(op.request('POST', `/api/v1/alerts/${held.id}/ack`, {}));
    await body(op.request('POST', `/api/v1/alerts/${held.id}/hold`, { reason: '等家属回电', minutes: 600 }));
    // 3. a P1 nobody acknowledges, and one in town B, which town A's handover never shows
    await thirdButton.send('events', 'sos');
    const waiting = await openSos(third.id);
    await net.elderB.button.send('events', 'sos');
    await openSos(net.elderB.id).catch(() => undefined); // town B's alarm is not in the operator's list

    const note = await body<HandoverNoteReply>(op.request('POST', '/api/v1/handover/notes', { note: '丙老人家属明早八点来电' }), 201);
    expect(note.authorName).toBe('值班员甲');

    // two hours on: the follow-up is overdue and the waiting P1 has escalated
    clock.advance(2 * HOUR);
    await eventually(
      () => op.request<AlertView>('GET', `/api/v1/alerts/${waiting.id}`),
      (r) => (r.body as AlertView).escalationLevel > 0,
    );

    const since = new Date(start - MINUTE).toISOString();
    const handover = await body<Handover>(op.request('GET', `/api/v1/handover?since=${encodeURIComponent(since)}&regionId=${net.townA.id}`));

    expect(handover.regionName).toBe(net.townA.name);
    expect(handover.open.total).toBe(2);
    expect(handover.open.byPriority).toEqual([
      { key: '1', count: 2 },
      { key: '2', count: 0 },
      { key: '3', count: 0 },
    ]);
    expect(Object.fromEntries(handover.open.byStatus.map((c) => [c.key, c.count]))).toEqual({ raised: 1, acknowledged: 0, dispatched: 0, on_site: 0, on_hold: 1 });

    expect(handover.onHold).toHaveLength(1);
    expect(handover.onHold[0]).toMatchObject({ id: held.id, holdReason: '等家属回电', elderName: expect.stringMatching(/^甲老人/), regionName: net.communityA.name });
    expect(Date.parse(handover.onHold[0]!.holdUntil!)).toBe(start + 600 * MINUTE);

    expect(handover.escalated.map((a) => a.id)).toEqual([waiting.id]);
    expect(handover.unacknowledgedP1.map((a) => a.id)).toEqual([waiting.id]);
    expect(handover.unacknowledgedP1[0]).toMatchObject({ elderName: '丙老人', regionName: net.communityA.name, type: 'sos' });

    expect(handover.overdueTasks).toHaveLength(1);
    expect(handover.overdueTasks[0]).toMatchObject({ kind: 'follow_up', status: 'open', regionName: net.communityA.name });
    expect(Date.parse(handover.overdueTasks[0]!.dueAt)).toBe(start + HOUR);

    expect(handover.closed).toEqual({ total: 1, byOutcome: [{ key: 'resolved:handled_by_phone', count: 1 }] });

    // what people wrote: the handover note, the resolve note and the hold reason, each with its author's name
    const written = handover.notes.map((n) => [n.source, n.note, n.authorName]);
    expect(written).toContainEqual(['handover', '丙老人家属明早八点来电', '值班员甲']);
    expect(written).toContainEqual(['alert', '老人误按，已电话确认平安', '值班员甲']);
    expect(written).toContainEqual(['alert', '等家属回电', '值班员甲']);
    expect(handover.notes.find((n) => n.note === '等家属回电')).toMatchObject({ alertId: held.id, alertType: 'sos' });
    // nothing a device or the gateway itself wrote is listed as a person's note
    expect(handover.notes.every((n) => n.authorName !== '')).toBe(true);

    // a shift that starts after all this has none of its notes, closures or overdue follow-up's note
    const later = await body<Handover>(op.request('GET', `/api/v1/handover?since=${encodeURIComponent(new Date(start + HOUR).toISOString())}`));
    expect(later.notes).toEqual([]);
    expect(later.closed.total).toBe(0);
    expect(later.open.total).toBe(2);
    expect(later.overdueTasks).toHaveLength(1);
  }, 60_000);

  it('when a responder asks, or asks outside their region, or with a window that is not a past shift, then each is refused with its code', async () => {
    const gw = await startTestGateway();
    onTestFinished(() => gw.close());
    const net = await setUpCareNetwork(gw);
    onTestFinished(() => net.close());
    const refused = async (reply: Promise<{ status: number; body: unknown }>, status: number, code: string) => {
      const r = await reply;
      expect(r.status, JSON.stringify(r.body)).toBe(status);
      expect((r.body as { error: { code: string } }).error.code).toBe(code);
    };
    await refused(net.responderA.api.request('GET', '/api/v1/handover'), 403, 'FORBIDDEN_ROLE');
    await refused(net.responderA.api.request('POST', '/api/v1/handover/notes', { note: '我来写' }), 403, 'FORBIDDEN_ROLE');
    await refused(net.operatorA.api.request('GET', `/api/v1/handover?regionId=${net.townB.id}`), 403, 'FORBIDDEN_REGION');
    await refused(net.operatorA.api.request('GET', `/api/v1/handover?since=${encodeURIComponent(new Date(Date.now() + HOUR).toISOString())}`), 400, 'REQUEST_INVALID');
    await refused(net.operatorA.api.request('GET', `/api/v1/handover?since=${encodeURIComponent(new Date(Date.now() - 8 * 24 * HOUR).toISOString())}`), 400, 'REQUEST_INVALID');
    await refused(net.operatorA.api.request('POST', '/api/v1/handover/notes', { note: '   ' }), 400, 'REQUEST_INVALID');
    await refused(net.operatorA.api.request('POST', '/api/v1/handover/notes', { note: 'x', extra: 1 }), 400, 'REQUEST_INVALID');
  }, 30_000);
});
