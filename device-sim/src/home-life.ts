import { BedSensor, DoorSensor, MotionSensor, Wearable } from './devices/index.js';
import { isWithinLocalWindow, localMinuteOfDay } from './local-clock.js';
import { exponentialDelay, randomInt, type Random } from './seeded-random.js';
import type { SimDevice } from './sim-device.js';

// An ordinary day of one simulated elder, told through their devices: passes in front of the motion sensors by day,
// the door now and then, in bed at night with a short bathroom trip or two, vitals from the watch and the mattress.
// Ordinary on purpose: none of it should raise an alert (no long bathroom stays, no night without return, vitals in
// range); the alarms come from SOS presses and the named scenarios.

export interface LifeDevice {
  device: SimDevice;
  room: string | null;
}

export interface HomeLifeContext {
  random: Random;
  /** Runs `task` after `ms` unless the homes were stopped. */
  schedule: (ms: number, task: () => void) => void;
  /** Sends one message; a failure is logged, never thrown. */
  send: (device: SimDevice, what: string, sending: () => Promise<unknown>) => void;
  /** Milliseconds between a watch's vitals. */
  vitalsMs: number;
  utcOffsetMinutes: number;
}

const MINUTE = 60_000;
const TICK_MS = MINUTE;
/** In bed from 22:00 to 06:45 local; the gateway's default night is 22:00–06:00. */
const BEDTIME = { start: '22:00', end: '06:45' };

export function startHomeLife(devices: readonly LifeDevice[], ctx: HomeLifeContext): void {
  const { random, schedule, send } = ctx;
  const watch = devices.find((d) => d.device instanceof Wearable)?.device as Wearable | undefined;
  const bed = devices.find((d) => d.device instanceof BedSensor)?.device as BedSensor | undefined;
  const door = devices.find((d) => d.device instanceof DoorSensor)?.device as DoorSensor | undefined;
  const motion = (room: string) => devices.find((d) => d.device instanceof MotionSensor && d.room === room)?.device as MotionSensor | undefined;
  const livingRoom = motion('living_room');
  const bathroom = motion('bathroom');

  // The elder's own resting heart rate and the watch's step count for the day.
  const restingHeartRate = randomInt(random, 60, 82);
  let heartRate = restingHeartRate;
  let steps = 0;
  let stepsDay = -1;
  let inBed: boolean | null = null;
  let onTrip = false;

  const isBedtime = (at: number) => isWithinLocalWindow(at, BEDTIME.start, BEDTIME.end, ctx.utcOffsetMinutes);

  const setInBed = (want: boolean): void => {
    if (!bed || inBed === want) return;
    inBed = want;
    send(bed, want ? 'in bed' : 'out of bed', () => (want ? bed.inBed() : bed.outOfBed()));
  };

  /** To the bathroom and back: the bathroom sensor, then the living-room one, so the last pass is not the bathroom. */
  const bathroomVisit = (minutes: number, then?: () => void): void => {
    if (bathroom) schedule(20_000, () => send(bathroom, 'motion', () => bathroom.motion()));
    schedule(minutes * MINUTE, () => {
      if (livingRoom) send(livingRoom, 'motion', () => livingRoom.motion());
      then?.();
    });
  };

  const tick = (): void => {
    const now = Date.now();
    if (isBedtime(now)) {
      if (!onTrip) setInBed(true);
      // About two trips a night.
      if (!onTrip && random() < 1 / 240) {
        onTrip = true;
        setInBed(false);
        bathroomVisit(randomInt(random, 2, 6), () => {
          onTrip = false;
          setInBed(true);
        });
      }
    } else {
      setInBed(false);
      if (livingRoom && random() < 1 / 5) send(livingRoom, 'motion', () => livingRoom.motion());
      if (bathroom && random() < 1 / 60) bathroomVisit(randomInt(random, 2, 10));
      if (door && random() < 1 / 150) {
        send(door, 'door open', () => door.open());
        schedule(randomInt(random, 4, 12) * 1000, () => send(door, 'door closed', () => door.closed()));
      }
    }
    if (bed && inBed) {
      const breathingRate = randomInt(random, 12, 18);
      send(bed, 'bed vitals', () => bed.vitals({ heartRate: Math.max(50, heartRate - randomInt(random, 4, 10)), breathingRate }));
    }
    schedule(TICK_MS * (0.8 + random() * 0.4), tick);
  };

  const vitals = (): void => {
    if (!watch) return;
    const now = Date.now();
    const day = Math.floor((now + ctx.utcOffsetMinutes * MINUTE) / (24 * 60 * MINUTE));
    if (day !== stepsDay) {
      stepsDay = day;
      steps = 0;
    }
    const awake = !isBedtime(now);
    if (awake) steps += randomInt(random, 0, localMinuteOfDay(now, ctx.utcOffsetMinutes) < 12 * 60 ? 30 : 15);
    // A random walk that stays near the resting rate: never near the alarm thresholds.
    heartRate = Math.min(restingHeartRate + 18, Math.max(restingHeartRate - 8, heartRate + randomInt(random, -3, 3)));
    const spo2 = randomInt(random, 95, 99);
    const skinTemperature = Math.round((35.9 + random() * 0.8) * 10) / 10;
    send(watch, 'vitals', () => watch.vitals({ heartRate, spo2, skinTemperature, steps }));
    // The desk may have changed the watch's telemetry interval (set_intervals).
    const everyMs = watch.intervals.telemetrySeconds !== undefined ? watch.intervals.telemetrySeconds * 1000 : ctx.vitalsMs;
    schedule(everyMs * (0.8 + random() * 0.4), vitals);
  };

  if (watch) {
    send(watch, 'worn', () => watch.worn());
    schedule(random() * ctx.vitalsMs, vitals);
  }
  // The first tick soon, so a bed sensor reports where the elder is right after the demo starts.
  schedule(random() * 5_000 + exponentialDelay(random, 1_000), tick);
}
