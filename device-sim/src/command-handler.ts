import { deviceOrderSchema, type DeviceOrder, type DeviceThresholds } from '../../schemas/index.js';

// What a simulated device does with a command from the desk (docs/device-protocol.md, section 2.2): it answers
// `received` at once, carries the command out as a real unit would (a watch finds its position, a camera takes a
// snapshot, a button speaks the text) and answers `done` with what it produced. Delivery is at least once: the same
// msgId twice is done once. Feedback on an alarm and `rejected` replies are not commands; they are ignored here.

export interface DeviceIntervals {
  /** Seconds between heartbeats; undefined: the simulator's default for the kind. */
  heartbeatSeconds?: number;
  /** Seconds between telemetry readings; undefined: the simulator's default. */
  telemetrySeconds?: number;
}

/** One command carried out, for tests and the demo's log. */
export interface HandledCommand {
  command: DeviceOrder;
  /** A one-line picture of it: `[watch-0007] 📍 located 30.60512,114.29318 ±8 m`. */
  line: string;
}

export interface CommandHandlerHooks {
  deviceId: string;
  /** Publishes a `command_result` status message (QoS 1) with these fields. */
  answer: (fields: Record<string, unknown>) => Promise<unknown>;
  /** Where the device is: its home, for a watch worn at home. */
  position: () => { lat: number; lon: number };
  /** Restarts the device: the connection drops and comes back about a second later. */
  reboot: () => void;
  onHandled?: (handled: HandledCommand) => void;
  /** Told when an answer could not be sent; never throws. */
  onError?: (err: Error) => void;
}

const REMEMBERED_MSG_IDS = 100;
/** A GPS fix at home is good to a few metres: 1e-5 degrees is about 1.1 m. */
const JITTER_DEGREES = 0.00004;
const ACCURACY_METRES = 8;

export class CommandHandler {
  readonly handled: HandledCommand[] = [];
  readonly intervals: DeviceIntervals = {};
  /** The device-side thresholds last set by the desk. */
  thresholds: DeviceThresholds | null = null;
  private readonly seen: string[] = [];

  constructor(private readonly hooks: CommandHandlerHooks) {}

  /** One payload from the commands topic; resolves with what was done, or null (not a command, a redelivery, expired). */
  async receive(payload: Buffer | string): Promise<HandledCommand | null> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(payload.toString());
    } catch {
      return null;
    }
    const result = deviceOrderSchema.safeParse(parsed);
    if (!result.success || this.seen.includes(result.data.msgId)) return null;
    this.seen.push(result.data.msgId);
    if (this.seen.length > REMEMBERED_MSG_IDS) this.seen.shift();
    const command = result.data;
    // The gateway has given up on it: acting now would surprise the desk, which already shows it expired.
    if (command.expiresAt < Date.now()) return null;
    try {
      await this.hooks.answer({ type: 'command_result', commandId: command.commandId, status: 'received' });
      const { line, data } = this.carryOut(command);
      await this.hooks.answer({ type: 'command_result', commandId: command.commandId, status: 'done', ...(data ? { data } : {}) });
      const handled = { command, line: `[${this.hooks.deviceId}] ${line}` };
      this.handled.push(handled);
      this.hooks.onHandled?.(handled);
      if (command.type === 'reboot') this.hooks.reboot();
      return handled;
    } catch (err) {
      this.hooks.onError?.(err instanceof Error ? err : new Error(String(err)));
      return null;
    }
  }

  private carryOut(command: DeviceOrder): { line: string; data?: Record<string, unknown> } {
    switch (command.type) {
      case 'locate': {
        const home = this.hooks.position();
        const jitter = () => (Math.random() * 2 - 1) * JITTER_DEGREES;
        const lat = Number((home.lat + jitter()).toFixed(6));
        const lon = Number((home.lon + jitter()).toFixed(6));
        return { line: `📍 located ${lat},${lon} ±${ACCURACY_METRES} m`, data: { lat, lon, accuracyM: ACCURACY_METRES } };
      }
      case 'snapshot': {
        const snapshotRef = `sim://snap/${command.commandId}.jpg`;
        return { line: `📷 ${snapshotRef}`, data: { snapshotRef } };
      }
      case 'set_intervals':
        if (command.heartbeatSeconds !== undefined) this.intervals.heartbeatSeconds = command.heartbeatSeconds;
        if (command.telemetrySeconds !== undefined) this.intervals.telemetrySeconds = command.telemetrySeconds;
        return { line: `⏱ heartbeat ${this.intervals.heartbeatSeconds ?? 'default'} s, telemetry ${this.intervals.telemetrySeconds ?? 'default'} s` };
      case 'set_thresholds':
        this.thresholds = { ...this.thresholds, ...command.thresholds };
        return { line: `⚙ thresholds ${JSON.stringify(command.thresholds)}` };
      case 'test_mode':
        return { line: command.enabled ? `🧪 test mode on for ${command.minutes ?? 60} min` : '🧪 test mode off' };
      case 'play_message':
        return { line: `🔊 ${command.text}` };
      case 'reboot':
        return { line: '🔄 rebooting' };
    }
  }
}
