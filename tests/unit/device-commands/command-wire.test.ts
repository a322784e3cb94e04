import { describe, expect, it } from 'vitest';
import { deviceCommandSchema, deviceOrderSchema, type DeviceCommandStatus } from '../../../schemas/index.js';
import { moveOfAnswer, timelineNoteOf, wireMessageOf, type CommandFacts } from '../../../gateway/src/core/device-commands/command-wire.js';

// A stored command as the device receives it, and what the device's answer does to the record (issue 22).

const NOW = Date.UTC(2026, 11, 7, 12, 0, 0);
const command = (fields: Partial<CommandFacts> = {}): CommandFacts => ({ id: 'cmd-1', type: 'locate', parameters: {}, status: 'queued', expiresAt: NOW + 120_000, ...fields });

describe('the message the device receives', () => {
  it('when a locate is sent, then it is a valid order with msgId = commandId, the send time and the deadline', () => {
    const wire = wireMessageOf(command(), NOW);
    expect(deviceOrderSchema.parse(wire)).toEqual({ msgId: 'cmd-1', ts: NOW, type: 'locate', commandId: 'cmd-1', expiresAt: NOW + 120_000 });
    expect(deviceCommandSchema.safeParse(wire).success).toBe(true);
  });

  it('when a command has parameters, then they sit at the top level of the message', () => {
    const wire = wireMessageOf(command({ type: 'set_thresholds', parameters: { thresholds: { heartRateHigh: 130 } } }), NOW);
    expect(deviceOrderSchema.parse(wire)).toMatchObject({ type: 'set_thresholds', thresholds: { heartRateHigh: 130 } });
    const test = wireMessageOf(command({ type: 'test_mode', parameters: { enabled: true, minutes: 15 } }), NOW);
    expect(deviceOrderSchema.parse(test)).toMatchObject({ enabled: true, minutes: 15 });
  });

  it('when the same command is sent again later, then only ts differs', () => {
    const first = wireMessageOf(command(), NOW);
    const again = wireMessageOf(command(), NOW + 5000);
    expect({ ...again, ts: first.ts }).toEqual(first);
  });
});

describe('what an answer does to the record', () => {
  const all: DeviceCommandStatus[] = ['queued', 'sent', 'delivered', 'done', 'failed', 'expired'];

  it('when received arrives, then only a sent command becomes delivered', () => {
    expect(moveOfAnswer('sent', { status: 'received' })).toEqual({ from: ['sent'], to: 'delivered' });
    for (const s of all.filter((s) => s !== 'sent')) expect(moveOfAnswer(s, { status: 'received' })).toBeNull();
  });

  it('when done arrives with a position, then a sent or delivered command is done with that data', () => {
    const data = { lat: 30.1, lon: 120.2, accuracyM: 15 };
    expect(moveOfAnswer('delivered', { status: 'done', data })).toEqual({ from: ['sent', 'delivered'], to: 'done', resultData: data });
    expect(moveOfAnswer('sent', { status: 'done' })).toMatchObject({ to: 'done', resultData: null });
    for (const s of ['queued', 'done', 'failed', 'expired'] as const) expect(moveOfAnswer(s, { status: 'done', data })).toBeNull();
  });

  it('when failed arrives, then a pending command fails with the reason; a finished one is left as it is', () => {
    expect(moveOfAnswer('delivered', { status: 'failed', reason: 'no GPS fix' })).toMatchObject({ to: 'failed', failureReason: 'no GPS fix' });
    expect(moveOfAnswer('sent', { status: 'failed' })).toMatchObject({ to: 'failed', failureReason: 'failed' });
    for (const s of ['done', 'failed', 'expired'] as const) expect(moveOfAnswer(s, { status: 'failed', reason: 'x' })).toBeNull();
  });

  it('when a command ends, then its timeline line says the type and the outcome', () => {
    expect(timelineNoteOf('locate', 'done')).toBe('locate → done');
    expect(timelineNoteOf('snapshot', 'failed', 'lens covered')).toBe('snapshot → failed: lens covered');
  });
});
