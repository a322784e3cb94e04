import { describe, expect, it } from 'vitest';
import type { WsEvent } from '../../schemas/index.js';
import { useLiveGateway } from '../support/live-gateway.js';
import { connectDevice, registerElder } from '../support/mqtt-device.js';

// The home-care bed's sensors over real MQTT: hazards, inactivity by motion and door, bathroom stays, the away
// state, and mattress vitals. Inactivity windows cover the whole day here so hours can shrink to a second.

const env = useLiveGateway({ DEADLINE_TICK_MS: '50' });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ofElder = (elderId: string, type: string, status: string) => (e: WsEvent) =>
  (e.type === 'alert.raised' || e.type === 'alert.updated') && e.alert.elder.id === elderId && e.alert.type === type && e.alert.status === status;
const ALL_DAY = { daytimeStart: '00:00', daytimeEnd: '00:00' } as const;

describe('hazard sensors', () => {
  it('when the kitchen smoke detector alarms, then a P1 smoke alert names the room; the detector clearing is noted but the alert stays open', async () => {
    const elderId = await registerElder(env.gw);
    const smoke = await connectDevice(env.gw, elderId, 'smoke_detector', { room: 'kitchen' });
    await smoke.send('events', 'smoke');
    const raised = await env.live.waitFor(ofElder(elderId, 'smoke', 'raised'));
    expect(raised).toMatchObject({ alert: { priority: 1, context: { room: 'kitchen' } } });
    await smoke.send('events', 'smoke_clear');
    const noted = await env.live.waitFor((e) => e.type === 'alert.updated' && e.alert.elder.id === elderId && e.alert.type === 'smoke');
    expect(noted).toMatchObject({ alert: { status: 'raised' } });
    if (raised.type !== 'alert.raised') throw new Error('expected alert.raised');
    const detail = await env.gw.api.getAlert(raised.alert.id);
    expect(detail.timeline.map((t) => t.action)).toEqual(['raised', 'noted']);
  });

  it.each([
    ['gas_detector', 'gas', { ppm: 4200 }, 'gas', 1],
    ['water_leak_sensor', 'water_leak', {}, 'water_leak', 2],
  ] as const)('when a %s reports %s, then a P%s alert of that type is raised', async (kind, type, fields, alertType, priority) => {
    const elderId = await registerElder(env.gw);
    const sensor = await connectDevice(env.gw, elderId, kind, { room: 'kitchen' });
    await sensor.send('events', type, fields);
    const raised = await env.live.waitFor(ofElder(elderId, alertType, 'raised'));
    expect(raised).toMatchObject({ alert: { priority, context: { room: 'kitchen', ...fields } } });
  });
});

describe('inactivity', () => {
  it('when no motion is seen for the inactivity time, then a P2 inactivity alert is raised, and the next motion clears it', async () => {
    const elderId = await registerElder(env.gw, { thresholdOverrides: { inactivityDaytimeHours: 0.0003, ...ALL_DAY } });
    const pir = await connectDevice(env.gw, elderId, 'motion_sensor', { room: 'living room' });
    await pir.send('events', 'motion');
    await env.live.waitFor(ofElder(elderId, 'inactivity', 'raised'), 5000);
    await pir.send('events', 'motion');
    await env.live.waitFor(ofElder(elderId, 'inactivity', 'cleared'));
  });

  it('when the elder is away, then inactivity does not alarm; when the away state ends, then watching restarts', async () => {
    const elderId = await registerElder(env.gw, { thresholdOverrides: { inactivityDaytimeHours: 0.0003, ...ALL_DAY } });
    const pir = await connectDevice(env.gw, elderId, 'motion_sensor');
    await env.gw.api.setAway(elderId, { reason: '住院' });
    await pir.send('events', 'motion');
    await sleep(1800);
    // The pass at home while away asks the desk (P3 motion_while_away); inactivity stays quiet.
    expect((await env.gw.api.listAlerts('all')).filter((a) => a.elder.id === elderId).map((a) => a.type)).toEqual(['motion_while_away']);
    const back = await env.gw.api.endAway(elderId);
    expect(back.away).toBeNull();
    await env.live.waitFor(ofElder(elderId, 'inactivity', 'raised'), 5000);
  });

  it('when the last motion was in the bathroom and nothing moves elsewhere, then a prolonged-stay alert is raised; motion in another room clears it', async () => {
    const elderId = await registerElder(env.gw, { thresholdOverrides: { bathroomStayHours: 0.0003, inactivityDaytimeHours: 1 } });
    const bathroom = await connectDevice(env.gw, elderId, 'motion_sensor', { room: 'bathroom' });
    const bedroom = await connectDevice(env.gw, elderId, 'motion_sensor', { room: 'bedroom' });
    await bathroom.send('events', 'motion');
    const raised = await env.live.waitFor(ofElder(elderId, 'prolonged_stay', 'raised'), 5000);
    expect(raised).toMatchObject({ alert: { priority: 2, context: { room: 'bathroom' } } });
    await bedroom.send('events', 'motion');
    await env.live.waitFor(ofElder(elderId, 'prolonged_stay', 'cleared'));
  });

  it('when the entrance door does not open for the idle time, then a door-inactive alert is raised; opening it clears it', async () => {
    const elderId = await registerElder(env.gw, { thresholdOverrides: { doorIdleHours: 0.0003 } });
    const door = await connectDevice(env.gw, elderId, 'door_sensor', { room: 'entrance' });
    await door.send('events', 'door_closed');
    await env.live.waitFor(ofElder(elderId, 'door_inactive', 'raised'), 5000);
    await door.send('events', 'door_open');
    await env.live.waitFor(ofElder(elderId, 'door_inactive', 'cleared'));
  });
});

describe('bed sensor', () => {
  it('when the mattress reports breathing below the threshold for the sustain time, then a P2 alert is raised', async () => {
    const elderId = await registerElder(env.gw, { thresholdOverrides: { breathingRateSustainSeconds: 0.5 } });
    const bed = await connectDevice(env.gw, elderId, 'bed_sensor');
    await bed.send('telemetry', 'bed_vitals', { heartRate: 62, breathingRate: 6 });
    await sleep(600);
    await bed.send('telemetry', 'bed_vitals', { heartRate: 60, breathingRate: 5 });
    const raised = await env.live.waitFor(ofElder(elderId, 'breathing_rate_low', 'raised'));
    expect(raised).toMatchObject({ alert: { context: { value: 5 } } });
  });
});
