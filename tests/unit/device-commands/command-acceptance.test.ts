import { describe, expect, it } from 'vitest';
import { commandDeadline, defaultTtlSeconds, refusalOf } from '../../../gateway/src/core/device-commands/command-acceptance.js';

// Which kind takes which command, with which parameters (issue 22), and how long a command is tried.

const NOW = Date.UTC(2026, 11, 7, 12, 0, 0);

describe('which kind takes which command', () => {
  it('when a wearable is asked to locate, then nothing refuses it', () => {
    expect(refusalOf('wearable', 'locate', {})).toBeNull();
  });

  it('when a call button is asked for a snapshot, then it is COMMAND_UNSUPPORTED', () => {
    expect(refusalOf('call_button', 'snapshot', {})).toMatchObject({ code: 'COMMAND_UNSUPPORTED' });
  });

  it('when a camera is asked to locate or a smoke detector to play a message, then both are COMMAND_UNSUPPORTED', () => {
    expect(refusalOf('camera', 'locate', {})?.code).toBe('COMMAND_UNSUPPORTED');
    expect(refusalOf('smoke_detector', 'play_message', { text: '你好' })?.code).toBe('COMMAND_UNSUPPORTED');
  });

  it('when a wearable gets a threshold it has, then it takes it; a threshold it lacks is COMMAND_UNSUPPORTED naming it', () => {
    expect(refusalOf('wearable', 'set_thresholds', { thresholds: { heartRateHigh: 130, spo2Low: 90 } })).toBeNull();
    const refusal = refusalOf('wearable', 'set_thresholds', { thresholds: { heartRateHigh: 130, alarmLelPercent: 10 } });
    expect(refusal).toMatchObject({ code: 'COMMAND_UNSUPPORTED' });
    expect(refusal?.detail).toContain('alarmLelPercent');
  });

  it('when set_thresholds has no threshold, then it is COMMAND_PARAMETERS_MISSING', () => {
    expect(refusalOf('gas_detector', 'set_thresholds', { thresholds: {} })?.code).toBe('COMMAND_PARAMETERS_MISSING');
  });

  it('when set_intervals names no interval, then it is COMMAND_PARAMETERS_MISSING', () => {
    expect(refusalOf('door_sensor', 'set_intervals', {})?.code).toBe('COMMAND_PARAMETERS_MISSING');
  });

  it('when a kind without telemetry is given telemetrySeconds, then it is COMMAND_UNSUPPORTED; wearables and bed sensors take it', () => {
    expect(refusalOf('door_sensor', 'set_intervals', { telemetrySeconds: 60 })?.code).toBe('COMMAND_UNSUPPORTED');
    expect(refusalOf('door_sensor', 'set_intervals', { heartbeatSeconds: 300 })).toBeNull();
    expect(refusalOf('wearable', 'set_intervals', { telemetrySeconds: 60 })).toBeNull();
    expect(refusalOf('bed_sensor', 'set_intervals', { telemetrySeconds: 30, heartbeatSeconds: 600 })).toBeNull();
  });
});

describe('how long a command is tried', () => {
  it('when locate or snapshot gives no ttl, then it is tried 120 s; anything else an hour', () => {
    expect(defaultTtlSeconds('locate')).toBe(120);
    expect(defaultTtlSeconds('snapshot')).toBe(120);
    expect(defaultTtlSeconds('reboot')).toBe(3600);
    expect(commandDeadline('locate', undefined, NOW)).toBe(NOW + 120_000);
    expect(commandDeadline('set_intervals', undefined, NOW)).toBe(NOW + 3_600_000);
  });

  it('when the caller gives ttlSeconds, then the deadline is that far from now', () => {
    expect(commandDeadline('locate', 1, NOW)).toBe(NOW + 1000);
  });
});
