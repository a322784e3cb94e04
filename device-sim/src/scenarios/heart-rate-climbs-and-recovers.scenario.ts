import { defineScenario } from './scenario-run.js';

// The watch's heart rate climbs from 80 past heartRateHigh, stays there past heartRateSustainSeconds (one high
// reading is not enough), then falls below heartRateHighClear: a P2 heart_rate_high is raised, then cleared by the
// gateway itself. Fast: the sustain time is 2 s and readings come every half second instead of every 10 s.

export const heartRateClimbsAndRecovers = defineScenario(
  'heart-rate-climbs-and-recovers',
  'heart rate 80 → 130 for longer than the sustain time, then back to normal: heart_rate_high (P2) raised, then cleared',
  async (run) => {
    const elder = await run.registerElder({ riskCategory: 'very_old' }, { heartRateSustainSeconds: 2 });
    const watch = await run.addDevice('wearable', 'watch', { firstHeartbeat: 76 });
    await watch.worn();

    const t = elder.thresholds;
    const intervalMs = run.fast ? 500 : 10_000;
    // Enough readings to span the sustain time and half again, on both sides, so the rule sees it whatever its timing.
    const spanReadings = Math.ceil((t.heartRateSustainSeconds * 1500) / intervalMs) + 2;
    const peak = Math.max(130, t.heartRateHigh + 10);
    const climb = [80, 88, 96, 104, 112, 120].filter((hr) => hr <= t.heartRateHigh);
    const high = Array.from({ length: spanReadings }, (_, i) => peak - 2 + (i % 3) * 2);
    const falling = [t.heartRateHighClear + 2, t.heartRateHighClear - 6];
    const recovered = Array.from({ length: spanReadings }, (_, i) => t.heartRateHighClear - 12 - (i % 4));

    let steps = 2_140;
    const send = async (heartRate: number): Promise<void> => {
      steps += 3;
      // QoS 1 so that each reading is processed before the next pause: the order of readings is the point.
      await watch.vitals({ heartRate, spo2: 97, skinTemperature: 36.3, steps }, { qos: 1 });
      await run.pause(intervalMs, intervalMs);
    };

    run.step(`climbing: ${climb.join(' → ')}`);
    for (const hr of climb) await send(hr);
    run.step(`above ${t.heartRateHigh} for ${(high.length * intervalMs) / 1000} s (sustain ${t.heartRateSustainSeconds} s): around ${peak}`);
    for (const hr of high) await send(hr);
    run.step(`recovering below ${t.heartRateHighClear}`);
    for (const hr of [...falling, ...recovered]) await send(hr);

    return {
      // Telemetry may be acknowledged before its effects are stored (alarms never wait for telemetry): a little slack.
      alerts: [{ type: 'heart_rate_high', priority: 2, deviceId: watch.deviceId, status: 'cleared', withinMs: 5_000 }],
      tasks: [],
      devices: [],
    };
  },
);
