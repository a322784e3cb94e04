// The alarm's sound, through WebAudio. Browsers allow sound only from an AudioContext created (or resumed) during a
// user gesture, so unlock() is called from the login click and from any later click.
// P1 unacknowledged: a double beep repeated until acknowledged (setAlarm). P2 arriving: one double beep (attention).
// What the page is doing is kept in `soundState` (a signal), so the page and the tests can see it.

import { signal } from '@preact/signals';

const MUTE_KEY = 'dutyDesk.muted';
const REPEAT_MS = 1600;

type AudioCtor = typeof AudioContext;

let ctx: AudioContext | null = null;
let alarmOn = false;
let timer: ReturnType<typeof setInterval> | null = null;

function readMuted(): boolean {
  try {
    return localStorage.getItem(MUTE_KEY) === '1';
  } catch {
    return false;
  }
}

/** muted: the operator's choice; blocked: sound wanted, browser not yet allowing it; beeps: how many were tried unmuted. */
export const soundState = signal({ muted: readMuted(), blocked: false, alarm: false, beeps: 0 });

function update(): void {
  const blocked = alarmOn && !soundState.value.muted && (!ctx || ctx.state !== 'running');
  const next = { ...soundState.value, blocked, alarm: alarmOn };
  if (next.blocked !== soundState.value.blocked || next.alarm !== soundState.value.alarm) soundState.value = next;
}

/** Creates or resumes the AudioContext; call from inside a click handler. */
export function unlock(): void {
  const Ctor = (window.AudioContext ?? (window as unknown as { webkitAudioContext?: AudioCtor }).webkitAudioContext) as AudioCtor | undefined;
  if (!Ctor) return;
  if (!ctx) {
    ctx = new Ctor();
    ctx.addEventListener('statechange', update);
  }
  if (ctx.state === 'suspended') ctx.resume().catch(() => {});
  update();
}

export const isMuted = () => soundState.value.muted;

export function setMuted(muted: boolean): void {
  try {
    localStorage.setItem(MUTE_KEY, muted ? '1' : '0');
  } catch {
    // only for this page
  }
  soundState.value = { ...soundState.value, muted };
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
 * phone. Muted means silent here too; the desk lifts the mute itself when it decides an escalation must be heard.
 */
export function attention(): void {
  beep();
}

/** Two short high tones, like a nurse-call system. */
function beep(): void {
  if (soundState.value.muted) return;
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
