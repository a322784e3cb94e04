import { describe, expect, it } from 'vitest';
import { salvageLifeSafetyEvent } from '../../gateway/src/app/ingest/life-safety-salvage.js';
import { markInputDefects } from '../../gateway/src/core/input-defects.js';
import type { Decision } from '../../gateway/src/core/decisions.js';
import { sampleAlert } from '../support/fixtures.js';

// The salvage of malformed life-safety events (issue 17, item 1), as a pure function: what is kept, what is derived,
// what is named as a defect, and what is never salvaged.

const NOW = Date.UTC(2026, 11, 7, 8, 0);
const salvage = (kind: Parameters<typeof salvageLifeSafetyEvent>[0], json: Record<string, unknown> | unknown) =>
  salvageLifeSafetyEvent(kind, json, JSON.stringify(json), NOW);

describe('salvaging a malformed life-safety event', () => {
  it('when ts is in seconds, then the gateway clock is used and the msgId kept', () => {
    const s = salvage('call_button', { msgId: 'a', ts: 1_795_427_117, type: 'sos' });
    expect(s?.message.payload).toEqual({ msgId: 'a', ts: NOW, type: 'sos' });
    expect(s?.defects).toEqual(['ts_seconds']);
  });

  it('when the msgId is too long or missing, then the id is derived from it (or from the payload) the same way every time', () => {
    const long = { msgId: 'x'.repeat(100), ts: NOW, type: 'sos' };
    const first = salvage('wearable', long);
    expect(first?.message.payload.msgId).toMatch(/^~[0-9a-f]{40}$/);
    expect(salvage('wearable', long)?.message.payload.msgId).toBe(first?.message.payload.msgId);
    expect(salvage('wearable', { ...long, msgId: 'y'.repeat(100) })?.message.payload.msgId).not.toBe(first?.message.payload.msgId);
    const none = salvage('wearable', { ts: NOW, type: 'sos' });
    expect(none?.defects).toEqual(['msg_id_missing']);
    expect(salvage('wearable', { ts: NOW, type: 'sos' })?.message.payload.msgId).toBe(none?.message.payload.msgId);
  });

  it("when a type's own field is invalid or an unknown field is added, then the valid fields are kept and the others dropped", () => {
    const s = salvage('gas_detector', { msgId: 'g', ts: '2026-12-07T16:00:00', type: 'gas', ppm: -5, colour: 'red' });
    expect(s?.message.payload).toEqual({ msgId: 'g', ts: NOW, type: 'gas' });
    expect(s?.defects).toEqual(['ts_no_zone', 'field_invalid', 'extra_fields']);
    expect(salvage('camera', { msgId: 'c', ts: NOW, type: 'fall', room: ' 203 ', confidence: 2 })?.message.payload).toEqual({ msgId: 'c', ts: NOW, type: 'fall', room: '203' });
  });

  it('when the type is routine, not of the kind, or the value not an object, then nothing is salvaged', () => {
    expect(salvage('call_button', { msgId: 'a', ts: 1, type: 'cancel' })).toBeNull();
    expect(salvage('smoke_detector', { msgId: 'a', ts: 1, type: 'sos' })).toBeNull();
    expect(salvage('door_sensor', { msgId: 'a', ts: 1, type: 'door_open' })).toBeNull();
    expect(salvage('call_button', ['sos'])).toBeNull();
    expect(salvage('call_button', { msgId: 'a', ts: 1, type: ['sos'] })).toBeNull();
  });

  it('when the alarm is raised or repeated, then its alert carries the defects in its context and its timeline note', () => {
    const alert = sampleAlert('a-1');
    const raise: Decision = { kind: 'raise', alert, entry: { alertId: 'a-1', at: NOW, action: 'raised', actor: 'device:d', note: null } };
    const [marked] = markInputDefects([raise], alert.type, ['ts_seconds', 'extra_fields']);
    expect(marked?.kind === 'raise' && marked.alert.context['inputDefects']).toBe('ts_seconds,extra_fields');
    expect(marked?.kind === 'raise' && marked.entry.note).toMatch(/malformed device message \(ts_seconds,extra_fields\)/);
    expect(markInputDefects([raise], 'fall', ['ts_seconds'])).toEqual([raise]);
  });
});
