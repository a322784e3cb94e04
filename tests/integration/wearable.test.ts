import { describe, expect, it } from 'vitest';
import type { WsEvent } from '../../schemas/index.js';
import { useLiveGateway } from '../support/live-gateway.js';
import { connectDevice, registerElder } from '../support/mqtt-device.js';

// A watch or bracelet over real MQTT: vitals telemetry with sustained thresholds and hysteresis, falls,
// wearing, geofences. Per-elder overrides shorten "for 60 s" to a second.

const env = useLiveGateway({ DEADLINE_TICK_MS: '50' });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const alertOf = (deviceId: string, type: string, status?: string) => (e: WsEvent) =>
  (e.type === 'alert.raised' || e.type === 'alert.updated') && e.alert.deviceId === deviceId && e.alert.type === type && (!status || e.alert.status === status);

describe('wearable', () => {
  it('when heart rate stays above the threshold for the sustain time, then one P2 alert is raised, and when it drops below the clear level, then the gateway clears it', async () => {
    const elderId = await registerElder(env.gw, { thresholdOverrides: { heartRateSustainSeconds: 0.8 } });
    const watch = await connectDevice(env.gw, elderId, 'wearable');
    await watch.send('telemetry', 'vitals', { heartRate: 128, spo2: 97 });
    await sleep(300);
    await watch.send('telemetry', 'vitals', { heartRate: 131 });
    expect((await env.gw.api.listAlerts('all')).filter((a) => a.deviceId === watch.id)).toHaveLength(0);
    await sleep(600);
    await watch.send('telemetry', 'vitals', { heartRate: 133 });
    const raised = await env.live.waitFor(alertOf(watch.id, 'heart_rate_high', 'raised'));
    expect(raised).toMatchObject({ alert: { priority: 2, context: { value: 133 } } });
    for (let i = 0; i < 20; i++) await watch.send('telemetry', 'vitals', { heartRate: 125 + i });
    await watch.send('telemetry', 'vitals', { heartRate: 115 }); // inside the hysteresis band: stays open
    let open = (await env.gw.api.listAlerts('open')).filter((a) => a.deviceId === watch.id);
    expect(open).toMatchObject([{ type: 'heart_rate_high', count: 1 }]);

    await watch.send('telemetry', 'vitals', { heartRate: 96 });
    const cleared = await env.live.waitFor(alertOf(watch.id, 'heart_rate_high', 'cleared'));
    expect(cleared).toMatchObject({ alert: { status: 'cleared' } });
    open = (await env.gw.api.listAlerts('open')).filter((a) => a.deviceId === watch.id);
    expect(open).toHaveLength(0);
  });

  it('when the watch reports a fall, then a P1 fall alert is raised with the source, and a second fall repeats it', async () => {
    const elderId = await registerElder(env.gw);
    const watch = await connectDevice(env.gw, elderId, 'wearable');
    await watch.send('events', 'fall', { confidence: 0.93 });
    const raised = await env.live.waitFor(alertOf(watch.id, 'fall', 'raised'));
    expect(raised).toMatchObject({ alert: { priority: 1, context: { source: 'wearable', confidence: 0.93 } } });
    await watch.send('events', 'fall', { confidence: 0.95 });
    await env.live.waitFor((e) => e.type === 'alert.updated' && e.alert.deviceId === watch.id && e.alert.count === 2);
  });

  it('when the wearer leaves the geofence, then a P2 alert is raised, and re-entering clears it', async () => {
    // A crossing counts once the watch has stayed on the new side for the debounce time; a second here.
    const elderId = await registerElder(env.gw, { thresholdOverrides: { geofenceDebounceSeconds: 1 } });
    const watch = await connectDevice(env.gw, elderId, 'wearable');
    await watch.send('events', 'geofence_exit', { fence: 'community' });
    await env.live.waitFor(alertOf(watch.id, 'geofence_exit', 'raised'));
    await watch.send('telemetry', 'position', { lat: 30.27, lon: 120.15, accuracy: 12 });
    await watch.send('events', 'geofence_enter', { fence: 'community' });
    const cleared = await env.live.waitFor(alertOf(watch.id, 'geofence_exit', 'cleared'));
    expect(cleared).toMatchObject({ alert: { context: { fence: 'community' } } });
  });

  it('when the wearable is taken off and not put back in time, then a P3 not-worn alert is raised; putting it on clears it', async () => {
    // Daytime window covering the whole day, so "2 h of daytime" is plain elapsed time here.
    const elderId = await registerElder(env.gw, { thresholdOverrides: { wearableNotWornHours: 0.0002, daytimeStart: '00:00', daytimeEnd: '00:00' } });
    const watch = await connectDevice(env.gw, elderId, 'wearable');
    await watch.send('events', 'removed');
    await env.live.waitFor(alertOf(watch.id, 'wearable_not_worn', 'raised'), 5000);
    await watch.send('events', 'worn');
    await env.live.waitFor(alertOf(watch.id, 'wearable_not_worn', 'cleared'));
  });

  it('when a wearable sends a call-button-only event or vitals without any metric, then both are rejected and counted, nothing is raised, and the watch gets one maintenance visit for its malformed messages', async () => {
    const elderId = await registerElder(env.gw);
    const watch = await connectDevice(env.gw, elderId, 'wearable');
    await watch.send('events', 'service_request', { service: 'meals' });
    await watch.send('telemetry', 'vitals', {});
    await watch.send('telemetry', 'vitals', { heartRate: 'fast' });
    const metrics = await (await fetch(`${env.gw.httpUrl}/metrics`)).text();
    expect(metrics).toMatch(/gateway_mqtt_messages_rejected_total\{reason="payload_invalid"\} [3-9]/);
    expect((await env.gw.api.listAlerts('all')).filter((a) => a.elder.id === elderId)).toHaveLength(0);
    // Three refused messages, one visit: a device is flagged once, not once per message.
    const tasks = (await env.gw.api.listTasks('all')).filter((t) => t.elder.id === elderId);
    expect(tasks).toMatchObject([{ kind: 'maintenance', reason: 'malformed_messages', deviceId: watch.id }]);
  });
});
