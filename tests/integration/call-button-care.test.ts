import { describe, expect, it } from 'vitest';
import type { WsEvent } from '../../schemas/index.js';
import { useLiveGateway } from '../support/live-gateway.js';
import { connectDevice, registerElder } from '../support/mqtt-device.js';

// The call button beyond the red key, over real MQTT: the green key's service requests, battery, the periodic
// test signal, and test mode.

const env = useLiveGateway({ DEADLINE_TICK_MS: '50', TEST_SIGNAL_INTERVAL_HOURS: '0.0003' });

const alertOf = (deviceId: string, type: string, status: string) => (e: WsEvent) =>
  (e.type === 'alert.raised' || e.type === 'alert.updated') && e.alert.deviceId === deviceId && e.alert.type === type && e.alert.status === status;

describe('call button care', () => {
  it('when the green key asks for meals, then a service task is created and no alert; a second press while it is open adds nothing; the desk can mark it done', async () => {
    const elderId = await registerElder(env.gw);
    const button = await connectDevice(env.gw, elderId, 'call_button');
    await button.send('events', 'service_request', { service: 'meals' });
    const created = await env.live.waitFor((e) => e.type === 'task.created' && e.task.elder.id === elderId);
    if (created.type !== 'task.created') throw new Error('expected task.created');
    expect(created.task).toMatchObject({ kind: 'service', reason: 'service_request', service: 'meals', status: 'open', test: false });
    await button.send('events', 'service_request', { service: 'meals' });
    expect((await env.gw.api.listTasks('open')).filter((t) => t.elder.id === elderId)).toHaveLength(1);
    expect((await env.gw.api.listAlerts('all')).filter((a) => a.elder.id === elderId)).toHaveLength(0);

    const done = await env.gw.api.completeTask(created.task.id, '已送餐');
    expect(done).toMatchObject({ status: 200, body: { status: 'done', note: '已送餐', completedBy: 'user:admin' } });
    expect((await env.gw.api.completeTask(created.task.id)).body).toMatchObject({ error: { code: 'TASK_TRANSITION_INVALID' } });
    await env.live.waitFor((e) => e.type === 'task.updated' && e.task.id === created.task.id && e.task.status === 'done');
  });

  it('when heartbeats report a low battery, then one P3 alert and one maintenance task are created however often it repeats, and a new battery clears the alert', async () => {
    const elderId = await registerElder(env.gw);
    const button = await connectDevice(env.gw, elderId, 'call_button');
    for (const level of [15, 12, 10, 9]) await button.send('status', 'heartbeat', { battery: level });
    await env.live.waitFor(alertOf(button.id, 'low_battery', 'raised'));
    const alerts = (await env.gw.api.listAlerts('open')).filter((a) => a.deviceId === button.id);
    expect(alerts).toMatchObject([{ type: 'low_battery', priority: 3, count: 1, context: { battery: 15 } }]);
    const tasks = (await env.gw.api.listTasks('open')).filter((t) => t.deviceId === button.id);
    expect(tasks).toMatchObject([{ kind: 'maintenance', reason: 'low_battery' }]);
    await button.send('status', 'battery', { battery: 100 });
    await env.live.waitFor(alertOf(button.id, 'low_battery', 'cleared'));
    expect((await env.gw.api.getDevice(button.id)).battery).toBe(100);
  });

  it('when the periodic test signal does not come, then a P3 missed-test alert and a maintenance task are raised; the next test signal clears it', async () => {
    const elderId = await registerElder(env.gw);
    const button = await connectDevice(env.gw, elderId, 'call_button');
    await button.send('status', 'test', { battery: 90 });
    await env.live.waitFor(alertOf(button.id, 'test_signal_missed', 'raised'), 5000);
    expect((await env.gw.api.listTasks('open')).filter((t) => t.deviceId === button.id)).toMatchObject([{ reason: 'test_signal_missed' }]);
    await button.send('status', 'test');
    await env.live.waitFor(alertOf(button.id, 'test_signal_missed', 'cleared'));
  });

  it('when a button in test mode is pressed, then the desk gets an SOS marked as a test, apart from any real alarm of the elder', async () => {
    const elderId = await registerElder(env.gw);
    const installed = await connectDevice(env.gw, elderId, 'call_button');
    const real = await connectDevice(env.gw, elderId, 'call_button');
    const view = await env.gw.api.setTestMode(installed.id, 30);
    expect(view.testModeUntil).not.toBeNull();
    await installed.send('events', 'sos');
    const test = await env.live.waitFor((e) => e.type === 'alert.raised' && e.alert.deviceId === installed.id);
    expect(test).toMatchObject({ alert: { type: 'sos', priority: 1, test: true } });
    await real.send('events', 'sos');
    const genuine = await env.live.waitFor((e) => e.type === 'alert.raised' && e.alert.deviceId === real.id);
    expect(genuine).toMatchObject({ alert: { type: 'sos', test: false } });
  });

  it('when an elder care profile sets a clear level on the wrong side, then it is refused with a stable code and nothing changes', async () => {
    const elderId = await registerElder(env.gw);
    const reply = await env.gw.api.request('PUT', `/api/v1/elders/${elderId}/care-profile`, { thresholdOverrides: { heartRateHighClear: 130 } });
    expect(reply).toMatchObject({ status: 400, body: { error: { code: 'THRESHOLDS_INCONSISTENT' } } });
    const unknown = await env.gw.api.request('PUT', `/api/v1/elders/${elderId}/care-profile`, { thresholdOverrides: { heartRate: 1 } });
    expect(unknown).toMatchObject({ status: 400, body: { error: { code: 'REQUEST_INVALID' } } });
    const elder = await env.gw.api.getElder(elderId);
    expect(elder.thresholdOverrides).toEqual({});
    expect(elder.thresholds.heartRateHigh).toBe(120);
  });
});
