import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DeviceKind, RiskCategory, ThresholdOverrides } from '../../../schemas/index.js';
import { createSimDevice, type SimDeviceByKind } from '../devices/index.js';
import type { ElderReply } from '../gateway-client.js';
import type { HomeDevice } from '../home-provisioning.js';
import { homeProfile } from '../home-profiles.js';
import { CHINA_UTC_OFFSET_MINUTES, isWithinLocalWindow, localClock } from '../local-clock.js';
import type { SimDevice } from '../sim-device.js';
import type { Scenario, ScenarioContext, ScenarioExpectation, ScenarioName, ScenarioResult } from './scenario.js';

// What every scenario does around its script: register an elder (with fast thresholds when asked), register and
// connect devices, pause between steps, report steps, and close everything it opened if the script fails.

/** Slack for a deadline the gateway's scheduler fires: it looks for due deadlines every few seconds at most. */
export const DEADLINE_SLACK_MS = 10_000;
/** The gateway's default OFFLINE_GRACE_SECONDS. */
const DEFAULT_OFFLINE_GRACE_MS = 90_000;

export interface ScenarioElder {
  riskCategory: RiskCategory;
  /** An institution room ("203") instead of a private home: the address names the room. */
  institutionRoom?: string;
}

export interface ScenarioDeviceOptions {
  room?: string;
  /** Battery in the heartbeat sent right after connecting; false sends none. Default 90. */
  firstHeartbeat?: number | false;
  /** Milliseconds before a dropped client reconnects; 0 for a device that should stay down. Default 1000. */
  reconnectPeriod?: number;
}

export class ScenarioRun {
  private readonly devices: SimDevice[] = [];
  private readonly registered: HomeDevice[] = [];
  private readonly idBase: string;
  private elderReply: ElderReply | null = null;

  constructor(
    readonly name: ScenarioName,
    private readonly context: ScenarioContext,
  ) {
    this.idBase = `${context.idPrefix ?? 'sc'}-${randomBytes(4).toString('hex')}`;
  }

  get fast(): boolean {
    return this.context.fast;
  }

  get offlineGraceMs(): number {
    return this.context.offlineGraceMs ?? DEFAULT_OFFLINE_GRACE_MS;
  }

  get utcOffsetMinutes(): number {
    return this.context.utcOffsetMinutes ?? CHINA_UTC_OFFSET_MINUTES;
  }

  /** The elder as the gateway last returned it; `thresholds` are the effective ones the rules use. */
  get elder(): ElderReply {
    if (!this.elderReply) throw new Error(`scenario ${this.name} has no elder yet`);
    return this.elderReply;
  }

  step(text: string): void {
    this.context.onStep?.(text);
  }

  /**
   * Registers the scenario's elder, a made-up person. When fast, `fastOverrides` become the elder's threshold
   * overrides (PUT care-profile), so the script's durations are seconds.
   */
  async registerElder(elder: ScenarioElder, fastOverrides: ThresholdOverrides = {}): Promise<ElderReply> {
    const profile = homeProfile(randomBytes(4).readUInt32BE(0), 0);
    const address = elder.institutionRoom ? `清源县城关镇颐养中心${elder.institutionRoom}室` : profile.address;
    let reply = await this.context.client.createElder({
      name: profile.name,
      address,
      phone: profile.phone,
      riskCategory: elder.riskCategory,
      ...(this.context.regionId === undefined ? {} : { regionId: this.context.regionId }),
    });
    this.elderReply = reply;
    this.step(`registered elder ${reply.id} (${elder.riskCategory})`);
    if (this.fast && Object.keys(fastOverrides).length > 0) {
      reply = await this.context.client.setCareProfile(reply.id, { thresholdOverrides: fastOverrides });
      this.elderReply = reply;
      this.step(`fast thresholds: ${Object.entries(fastOverrides).map(([k, v]) => `${k} ${String(v)}`).join(', ')}`);
    }
    return reply;
  }

  /** Registers a device for the elder, connects it and, by default, sends a first heartbeat so it shows online. */
  async addDevice<K extends DeviceKind>(kind: K, role: string, options: ScenarioDeviceOptions = {}): Promise<SimDeviceByKind[K]> {
    const registered = await this.context.client.createDevice({
      elderId: this.elder.id,
      kind,
      id: `${this.idBase}-${role}`,
      ...(options.room === undefined ? {} : { room: options.room }),
    });
    const device = createSimDevice(kind, {
      url: this.context.mqttUrl,
      deviceId: registered.id,
      secret: registered.secret,
      reconnectPeriod: options.reconnectPeriod ?? 1000,
    });
    this.registered.push({ kind, deviceId: registered.id, secret: registered.secret, room: options.room ?? null });
    await device.connect();
    this.devices.push(device);
    const battery = options.firstHeartbeat ?? 90;
    if (battery !== false) await device.heartbeat(battery);
    this.step(`${kind} ${device.deviceId}${options.room ? ` in ${options.room}` : ''} connected`);
    return device;
  }

  /** Waits between steps: `fastMs` when fast, `realMs` otherwise. Rejects when the context's signal aborts. */
  async pause(fastMs: number, realMs: number): Promise<void> {
    await sleep(this.fast ? fastMs : realMs, undefined, this.context.signal ? { signal: this.context.signal } : {});
  }

  /** The local "HH:MM" (in the gateway's time zone) at `at` plus `shiftMinutes`. */
  localClock(at: number, shiftMinutes = 0): string {
    return localClock(at, shiftMinutes, this.utcOffsetMinutes);
  }

  /** Whether `at` is inside the local window [start, end), which may cross midnight, as the gateway's rules see it. */
  isWithinLocalWindow(at: number, start: string, end: string): boolean {
    return isWithinLocalWindow(at, start, end, this.utcOffsetMinutes);
  }

  result(expected: ScenarioExpectation): ScenarioResult {
    return {
      name: this.name,
      elderId: this.elder.id,
      deviceIds: this.devices.map((d) => d.deviceId),
      expected,
      devices: [...this.devices],
      registered: [...this.registered],
      close: () => this.close(),
    };
  }

  /** Closes every device the scenario opened; one that fails to close does not keep the others open. */
  async close(): Promise<void> {
    await Promise.allSettled(this.devices.map((d) => d.close()));
  }
}

/** A scenario from its script: the run's set-up, and on failure its devices closed before the error goes on. */
export function defineScenario(
  name: ScenarioName,
  summary: string,
  play: (run: ScenarioRun) => Promise<ScenarioExpectation>,
): Scenario {
  return {
    name,
    summary,
    async run(context) {
      const run = new ScenarioRun(name, context);
      try {
        const expected = await play(run);
        run.step('script done');
        return run.result(expected);
      } catch (err) {
        await run.close();
        throw err;
      }
    },
  };
}
