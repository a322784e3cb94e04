// The repeating alarm beep, through WebAudio. Browsers allow sound only from an AudioContext created
// (or resumed) during a user gesture, so unlock() is called from the login click and from any later click.

const MUTE_KEY = 'dutyDesk.muted';
const REPEAT_MS = 1600;

let ctx = null;
let alarmOn = false;
let timer = null;
let muted = readMuted();

function readMuted() {
  try {
    return localStorage.getItem(MUTE_KEY) === '1';
  } catch {
    return false;
  }
}

/** Creates or resumes the AudioContext; call from inside a click handler. */
export function unlock() {
  const Ctor = window.AudioContext || window.webkitAudioContext;
  if (!Ctor) return;
  if (!ctx) ctx = new Ctor();
  if (ctx.state === 'suspended') ctx.resume().catch(() => {});
}

/** True when sound is wanted but the browser has not allowed it yet. */
export function isBlocked() {
  return alarmOn && !muted && (!ctx || ctx.state !== 'running');
}

export function isMuted() {
  return muted;
}

export function setMuted(value) {
  muted = value;
  try {
    localStorage.setItem(MUTE_KEY, value ? '1' : '0');
  } catch {
    // only for this page
  }
}

/** Starts or stops the repeating beep; calling it again with the same value does nothing. */
export function setAlarm(on) {
  if (on === alarmOn) return;
  alarmOn = on;
  if (on) {
    beep();
    timer = setInterval(beep, REPEAT_MS);
  } else {
    clearInterval(timer);
    timer = null;
  }
}

/**
 * One double beep now, outside the repeating alarm: an escalation, a new dispatch on a responder's phone.
 * Muted means silent here too; the desk lifts the mute itself when it decides an escalation must be heard.
 */
export function attention() {
  beep();
}

/** Two short high tones, like a nurse-call system. */
function beep() {
  if (muted || !ctx || ctx.state !== 'running') return;
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
