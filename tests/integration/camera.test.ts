import { describe, expect, it } from 'vitest';
import type { WsEvent } from '../../schemas/index.js';
import { useLiveGateway } from '../support/live-gateway.js';
import { chinaClock, connectDevice, registerElder } from '../support/mqtt-device.js';

// An institution camera with on-board analytics over real MQTT: detections with room, confidence and snapshot,
// the confidence gate, and bed exit at night without return.

const env = useLiveGateway({ DEADLINE_TICK_MS: '50' });

const raised = (deviceId: string, type: string) => (e: WsEvent) => e.type === 'alert.raised' && e.alert.deviceId === deviceId && e.alert.type === type;

describe('camera', () => {
  it('when the camera in room 203 sees a fall with high confidence, then a P1 fall alert carries the room and the snapshot reference', async () => {
    const elderId = await registerElder(env.gw);
    const camera = await connectDevice(env.gw, elderId, 'camera', { room: '203' });
    await camera.send('events', 'fall', { room: '203', zone: 'bedside', confidence: 0.91, snapshotRef: 'nvr://cam-203/2026-11-23T10:00:00Z' });
    const event = await env.live.waitFor(raised(camera.id, 'fall'));
    expect(event).toMatchObject({
      alert: { priority: 1, context: { room: '203', zone: 'bedside', confidence: 0.91, snapshotRef: 'nvr://cam-203/2026-11-23T10:00:00Z', source: 'camera' } },
    });
  });

  it('when a detection is below the confidence threshold, then it is recorded but raises nothing; the third within the window raises the alert', async () => {
    const elderId = await registerElder(env.gw);
    const camera = await connectDevice(env.gw, elderId, 'camera', { room: '105' });
    await camera.send('events', 'wandering', { room: '105', confidence: 0.4 });
    await camera.send('events', 'wandering', { room: '105', confidence: 0.5 });
    const recorded = await env.gw.api.deviceEvents(camera.id);
    expect(recorded.map((e) => e.type)).toEqual(['wandering', 'wandering']);
    expect(recorded[0]?.payload).toMatchObject({ confidence: 0.5, room: '105' });
    expect((await env.gw.api.listAlerts('all')).filter((a) => a.deviceId === camera.id)).toHaveLength(0);

    await camera.send('events', 'wandering', { room: '105', confidence: 0.45 });
    const event = await env.live.waitFor(raised(camera.id, 'wandering'));
    expect(event).toMatchObject({ alert: { priority: 2 } });
  });

  it('when the camera sees a bed exit at night and the elder is not back in time, then a P2 bed-exit alert is raised; a bed sensor return clears it', async () => {
    const elderId = await registerElder(env.gw, {
      thresholdOverrides: { nightStart: chinaClock(-60), nightEnd: chinaClock(60), bedReturnMinutes: 0.01 },
    });
    const camera = await connectDevice(env.gw, elderId, 'camera', { room: '301' });
    const bed = await connectDevice(env.gw, elderId, 'bed_sensor', { room: '301' });
    await camera.send('events', 'bed_exit', { room: '301', confidence: 0.88 });
    const event = await env.live.waitFor(raised(camera.id, 'bed_exit_night'), 5000);
    expect(event).toMatchObject({ alert: { priority: 2, context: { room: '301' } } });
    await bed.send('events', 'in_bed');
    await env.live.waitFor((e) => e.type === 'alert.updated' && e.alert.type === 'bed_exit_night' && e.alert.elder.id === elderId && e.alert.status === 'cleared');
  });

  it('when the elder leaves the bed in the daytime, then nothing is armed or raised', async () => {
    const elderId = await registerElder(env.gw, {
      thresholdOverrides: { nightStart: chinaClock(120), nightEnd: chinaClock(180), bedReturnMinutes: 0.01 },
    });
    const bed = await connectDevice(env.gw, elderId, 'bed_sensor');
    await bed.send('events', 'out_of_bed');
    await new Promise((r) => setTimeout(r, 1200));
    expect((await env.gw.api.listAlerts('all')).filter((a) => a.elder.id === elderId)).toHaveLength(0);
  });

  it('when a camera floods 1000 fall events, then the desk has one fall alert, the repeats over its rate are merged without a row each, and the camera is flagged for maintenance and cut off', async () => {
    const elderId = await registerElder(env.gw);
    const camera = await connectDevice(env.gw, elderId, 'camera', { room: '203' });
    const cutOff = new Promise<void>((resolve) => camera.client.once('close', () => resolve()));
    // Sent without waiting: a flooding device is disconnected, and the PUBLISHes it still had in flight stay unanswered.
    for (let i = 0; i < 1000; i++) void camera.send('events', 'fall', { room: '203', confidence: 0.95 }).catch(() => undefined);
    await cutOff;
    const alerts = (await env.gw.api.listAlerts('all')).filter((a) => a.elder.id === elderId);
    expect(alerts).toMatchObject([{ type: 'fall', status: 'raised' }]);
    // Within its rate each fall is committed and counted; past it, repeats of the open alert write nothing, but for
    // the one whose commit opened the maintenance visit (its event is kept, the alert's count is not raised by it).
    const stored = await env.gw.api.deviceEvents(camera.id);
    expect(stored.length).toBeLessThan(100);
    expect(alerts[0]!.count).toBeGreaterThanOrEqual(stored.length - 1);
    expect(alerts[0]!.count).toBeLessThanOrEqual(stored.length);
    const flagged = (await env.gw.api.listTasks('open')).filter((t) => t.elder.id === elderId && t.reason === 'message_flood');
    expect(flagged).toMatchObject([{ kind: 'maintenance', deviceId: camera.id }]);
  });
});
