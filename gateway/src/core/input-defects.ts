import type { InputDefect } from '../../../schemas/index.js';
import type { Decision } from './decisions.js';

// A life-safety event salvaged from a malformed message (app/ingest/life-safety-salvage.ts) raises its alarm like any
// other; the alert it raised or repeated carries what was wrong, in its context (the desk's detail line and the
// API) and in the note of its timeline entry, so nobody takes the device's data at face value.

export function markInputDefects(decisions: readonly Decision[], alertType: string, defects: readonly InputDefect[]): Decision[] {
  if (defects.length === 0) return [...decisions];
  const list = defects.join(',');
  const note = `malformed device message (${list}); alarm raised from what could be read`;
  return decisions.map((d) => {
    if ((d.kind !== 'raise' && d.kind !== 'update') || d.alert.type !== alertType) return d;
    const alert = { ...d.alert, context: { ...d.alert.context, inputDefects: list } };
    const entry = { ...d.entry, note: d.entry.note === null ? note : `${d.entry.note}; ${note}` };
    return { ...d, alert, entry };
  });
}
