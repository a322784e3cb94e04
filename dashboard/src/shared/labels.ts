// Labels for the codes the server sends (alert types, statuses, actors, context fields), in the page's language.
// A code the page has no label for is left out (or shown as sent where it is the only thing to show), never
// mixed with the server's own wording.

import { known, t } from './i18n.js';

export const typeLabel = (type: string) => known(`type.${type}`) ?? type;
export const statusLabel = (status: string) => known(`status.${status}`) ?? '';

/**
 * Who did it, for people: "user:<username>" becomes the person's display name when the page knows it (`names`:
 * username → display name), "device:<id>" the device, "system:…" the gateway.
 */
export function actorText(actor: unknown, names?: ReadonlyMap<string, string>): string {
  if (typeof actor !== 'string') return '';
  if (actor.startsWith('user:')) {
    const username = actor.slice(5);
    return names?.get(username) ?? username;
  }
  if (actor.startsWith('device:')) return t('actor.device', { id: actor.slice(7) });
  if (actor.startsWith('system:')) return t('actor.system');
  return actor;
}

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const round1 = (n: number) => String(Math.round(n * 10) / 10);

/** " 次/分" / " bpm"; a unit the page does not know is shown as sent. */
function unitText(unit: unknown): string {
  const raw = text(unit);
  if (!raw) return '';
  return known(`unit.${raw}`) ?? ` ${raw}`;
}

/**
 * The parts of an alert's context line, from the fields that exist: where, what was measured, how sure, where it
 * came from. Fields the page has no label for are left out rather than shown in the server's words.
 */
export function contextParts(alert: { type: string; context?: unknown }): string[] {
  const c = (alert.context && typeof alert.context === 'object' ? alert.context : {}) as Record<string, unknown>;
  const parts: string[] = [];
  const say = (key: string, vars: Record<string, string | number> = {}) => parts.push(t(key, vars));
  if (text(c.room)) say('ctx.room', { room: String(c.room) });
  if (text(c.zone)) say('ctx.zone', { zone: String(c.zone) });
  if (text(c.fence)) say('ctx.fence', { fence: String(c.fence) });
  const value = num(c.value);
  if (value !== null) {
    const threshold = num(c.threshold);
    say(threshold === null ? 'ctx.value' : 'ctx.valueThreshold', { value: round1(value), unit: unitText(c.unit), threshold: threshold === null ? '' : round1(threshold) });
  }
  const n = (field: string) => num(c[field]);
  if (n('ppm') !== null) say('ctx.ppm', { ppm: round1(n('ppm')!) });
  if (n('battery') !== null) say('ctx.battery', { n: Math.round(n('battery')!) });
  if (n('minutesOutOfBed') !== null) say('ctx.minutesOutOfBed', { n: Math.round(n('minutesOutOfBed')!) });
  // Night wandering: how the elder left, for how long, and whether they are back (night-wandering.rule.ts).
  if (c.via === 'door') say('ctx.viaDoor');
  if (c.via === 'fence') say('ctx.viaFence');
  if (n('minutesAway') !== null) say('ctx.minutesAway', { n: Math.round(n('minutesAway')!) });
  if (alert.type === 'night_wandering' && n('backAt') !== null) say('ctx.back');
  // A fall and no movement since (no-movement-after-fall.rule.ts): first on the line, it is what matters most.
  if (c.noMovementAfterFall === true && c.movedAt === undefined) parts.unshift(t('ctx.noMovementAfterFall', { n: Math.round(n('minutesWithoutMovement') ?? 0) }));
  if (alert.type === 'fall' && n('movedAt') !== null) say('ctx.movedAfterFall');
  if (n('hoursWithoutMotion') !== null) say('ctx.hoursWithoutMotion', { n: round1(n('hoursWithoutMotion')!) });
  // `hours` is the prolonged-stay rule's own word; other types might use it for something else
  if (alert.type === 'prolonged_stay' && n('hours') !== null) say('ctx.hours', { n: round1(n('hours')!) });
  if (n('hoursIdle') !== null) say('ctx.hoursIdle', { n: round1(n('hoursIdle')!) });
  if (n('offlineSinceMinutes') !== null) say('ctx.offlineSinceMinutes', { n: Math.round(n('offlineSinceMinutes')!) });
  if (n('hoursSinceLastSignal') !== null) say('ctx.hoursSinceLastSignal', { n: round1(n('hoursSinceLastSignal')!) });
  if (c.neverReceived === true) say('ctx.neverReceived');
  if (n('confidence') !== null) say('ctx.confidence', { pct: Math.round(n('confidence')! * 100) });
  const source = text(c.source) ? known(`kind.${String(c.source)}`) : null;
  if (source) say('ctx.source', { kind: source });
  if (text(c.snapshotRef)) say('ctx.snapshot', { ref: String(c.snapshotRef) });
  // A life-safety event salvaged from a malformed message: the desk must know the device needs a look.
  if (text(c.inputDefects)) say('ctx.inputDefects', { defects: String(c.inputDefects) });
  return parts;
}
