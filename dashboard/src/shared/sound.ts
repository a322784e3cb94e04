// The alarm's sound, through WebAudio. Browsers allow sound only from an AudioContext created (or resumed) during a
// user gesture, so unlock() is called from the login click and from any later click; after a reload the desk shows a
// large prompt until one comes (banners/EnableSoundPrompt.tsx).
// P1 unacknowledged: a double beep repeated until acknowledged (setAlarm). P2 arriving: one double beep (attention).
// What the page is doing is kept in `soundState` (a signal), so the page and the tests can see it.
//
// The operator's mute is for a chosen time (5, 15, 30 minutes) or until the next new P1, and survives a reload
// (localStorage, with its end time). The rule, failing toward the alarm: a mute silences what the operator has
// already seen — the repeats of the P1s open when they muted, escalations of those, P2 beeps — and nothing else. A
// NEW P1 (one that was not open when they muted) lifts every mute, timed or not: a life-safety alarm nobody has
// heard yet is always heard. The desk decides which P1s are new (banners/alarm.ts); the ids seen at mute time are
// kept here with the mute. Banners and the page title show alarms whatever the mute.

import { signal } from '@preact/signals';

const MUTE_KEY = 'dutyDesk.mute';
/** Where a mute without an end was kept before mutes had one; removed, as it has no end to honour. */
const OLD_MUTE_KEY = 'dutyDesk.muted';
const REPEAT_MS = 1600;

export const MUTE_MINUTES = [5, 15, 30] as const;
export type MuteChoice = (typeof MUTE_MINUTES)[number] | 'nextP1';

/** A mute: until a time (page clock, ms) or until the next new P1; `seen` are the P1 alerts open when it began. */
interface Mute {
  kind: 'timed' | 'nextP1';
  until: number | null;
  seen: string[];
}

type AudioCtor = typeof AudioContext;

let ctx: AudioContext | null = null;
let alarmOn = false;
let timer: ReturnType<typeof setInterval> | null = null;
let muteEnd: ReturnType<typeof setTimeout> | null = null;
let mute: Mute | null = readMute();

function readMute(): Mute | null {
  try {
    localStorage.removeItem(OLD_MUTE_KEY);
    const raw = localStorage.getItem(MUTE_KEY);
    if (!raw) return null;
    const saved = JSON.parse(raw) as Partial<Mute>;
    const seen = Array.isArray(saved.seen) ? saved.seen.filter((id): id is string => typeof id === 'string') : [];
    if (saved.kind === 'nextP1') return { kind: 'nextP1', until: null, seen };
    if (saved.kind === 'timed' && typeof saved.until === 'number' && saved.until > Date.now()) return { kind: 'timed', until: saved.until, seen };
  } catch {
    // unreadable or no storage: not muted
  }
  return null;
}

function writeMute(): void {
  try {
    if (mute) localStorage.setItem(MUTE_KEY, JSON.stringify(mute));
    else localStorage.removeItem(MUTE_KEY);
  } catch {
    // only for this page
  }
}

const audioCtor = (): AudioCtor | undefined =>
  (window.AudioContext ?? (window as unknown as { webkitAudioContext?: AudioCtor }).webkitAudioContext) as AudioCtor | undefined;

/**
 * muted: the operator's choice, muteKind and muteUntil what it is; running: the browser plays sound (false until a
 * click after a reload); blocked: the alarm wants sound the browser does not yet allow; beeps: how many were tried
 * unmuted.
 */
export const soundState = signal({
  muted: mute !== null,
  muteKind: mute?.kind ?? null,
  muteUntil: mute?.until ?? null,
  supported: typeof window !== 'undefined' && audioCtor() !== undefined,
  running: false,
  blocked: false,
  alarm: false,
  beeps: 0,
});

function update(): void {
  const running = ctx !== null && ctx.state === 'running';
  const blocked = alarmOn && mute === null && !running;
  const current = soundState.value;
  const next = { blocked, alarm: alarmOn, running, muted: mute !== null, muteKind: mute?.kind ?? null, muteUntil: mute?.until ?? null };
  if ((Object.keys(next) as Array<keyof typeof next>).every((key) => current[key] === next[key])) return;
  soundState.value = { ...current, ...next };
}

function scheduleMuteEnd(): void {
  if (muteEnd) clearTimeout(muteEnd);
  muteEnd = null;
  if (mute?.until == null) return;
  // setTimeout's longest wait is about 24 days; a mute is at most 30 minutes
  muteEnd = setTimeout(unmute, Math.max(0, mute.until - Date.now()));
}
scheduleMuteEnd();

// A second tab of the same desk (the same browser profile) follows a mute chosen or lifted in the other.
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (event) => {
    if (event.key !== MUTE_KEY) return;
    mute = readMute();
    scheduleMuteEnd();
    update();
  });
}

/** Creates or resumes the AudioContext; call from inside a click handler. */
export function unlock(): void {
  const Ctor = audioCtor();
  if (!Ctor) return;
  if (!ctx) {
    ctx = new Ctor();
    ctx.addEventListener('statechange', update);
  }
  if (ctx.state === 'suspended') ctx.resume().catch(() => {});
  update();
}

export const isMuted = () => mute !== null;

/** The P1 alerts that were open when the current mute began (empty when not muted). */
export const mutedAlertIds = (): ReadonlySet<string> => new Set(mute?.seen ?? []);

/** Mutes for 5, 15 or 30 minutes or until the next new P1; `openLifeSafetyIds` are the P1 alerts open now. */
export function muteFor(choice: MuteChoice, openLifeSafetyIds: readonly string[], now = Date.now()): void {
  mute = choice === 'nextP1'
    ? { kind: 'nextP1', until: null, seen: [...openLifeSafetyIds] }
    : { kind: 'timed', until: now + choice * 60_000, seen: [...openLifeSafetyIds] };
  writeMute();
  scheduleMuteEnd();
  update();
}

/** Sound on again: the operator's click, the mute's end, or a new P1. */
export function unmute(): void {
  mute = null;
  writeMute();
  scheduleMuteEnd();
  update();
}

/** Starts or stops the repeating beep; calling it again with the same value does nothing. */
export function setAlarm(on: boolean): void {
  if (on === alarmOn) return;
  alarmOn = on;
  if (timer) clearInterval(timer);
  timer = null;
  if (on) {
    beep();
    timer = setInterval(beep, REPEAT_MS);
  }
  update();
}

/**
 * One double beep now, outside the repeating alarm: a P2 arriving, an escalation, a new dispatch on a responder's
 * phone. Muted means silent here too: an escalation is a repeat of an alarm already seen.
 */
export function attention(): void {
  beep();
}

/** Two short high tones, like a nurse-call system. */
function beep(): void {
  if (mute !== null) return;
  // counted even while the browser keeps the sound blocked: the page (and its tests) see what it tried to play
  soundState.value = { ...soundState.value, beeps: soundState.value.beeps + 1 };
  if (!ctx || ctx.state !== 'running') return;
  const start = ctx.currentTime;
  for (const offset of [0, 0.3]) {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = 'square';
    osc.frequency.value = 880;
    gain.gain.setValueAtTime(0.0001, start + offset);
    gain.gain.exponentialRampToValueAtTime(0.25, start + offset + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.22);
    osc.connect(gain).connect(ctx.destination);
    osc.start(start + offset);
    osc.stop(start + offset + 0.25);
  }
}
