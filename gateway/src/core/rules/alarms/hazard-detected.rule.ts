import type { AlertContext, GasDetectorEvent, SmokeDetectorEvent, WaterLeakSensorEvent } from '../../../../../schemas/index.js';
import { clearCondition, raiseOrRepeat } from '../../alerts/alert-factory.js';
import { ignore, type Decision } from '../../decisions.js';
import type { ElderState } from '../../elder-state.js';

// Smoke, gas and water detectors. An alarm opens (or repeats) the alert of the same name. An all-clear never
// closes it: a detector that went quiet may have burnt or been unplugged, so only a person who went there may
// resolve it. The factory adds the clear to the alert's timeline as a note for the desk.

export function hazardReported(event: SmokeDetectorEvent | GasDetectorEvent | WaterLeakSensorEvent, state: ElderState, now: number): Decision[] {
  const device = state.device;
  if (!device) return [ignore('no_device_in_state')];
  // Detectors are installed in one place and do not say where they are; the registration does.
  const context: AlertContext = device.room === null ? {} : { room: device.room };
  switch (event.type) {
    case 'smoke':
      return raiseOrRepeat(state, now, { type: 'smoke', context });
    case 'gas':
      return raiseOrRepeat(state, now, { type: 'gas', context: event.ppm === undefined ? context : { ...context, ppm: event.ppm } });
    case 'water_leak':
      return raiseOrRepeat(state, now, { type: 'water_leak', context });
    case 'smoke_clear':
      return noted(clearCondition(state, now, { type: 'smoke', note: 'detector reports smoke cleared' }));
    case 'gas_clear':
      return noted(clearCondition(state, now, { type: 'gas', note: 'detector reports gas cleared' }));
    case 'water_clear':
      return noted(clearCondition(state, now, { type: 'water_leak', note: 'detector reports water cleared' }));
  }
}

/** A clear with no open alert (a detector's self-test, a repeat) does nothing, and says so in the log. */
function noted(decisions: Decision[]): Decision[] {
  return decisions.length > 0 ? decisions : [ignore('no_open_alert')];
}
