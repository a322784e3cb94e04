// The status wall's picture: every home of the desk's region with its devices' presence, loaded once from
// GET /status-wall and then kept current by the live `device.status` events and the desk's open alerts.
//
// Built for 20,000 homes: one device's event changes that device, re-decides its home's state from the home's
// running tallies (wall-home.ts) and moves the counts by the difference; nothing walks all the homes. The signals the
// page reads are written at most once a frame, however many events arrived in it.
//
// Events are not replayed after a reconnect, so what changed between the loaded picture and the link's (re)connect
// would be missed: after a snapshot, a picture older than the link is loaded again — at most once per
// RELOAD_GAP_MS, and a reload asked for inside the gap runs when the gap is over. That is also why a session's
// first load waits for the link's first snapshot (up to LINK_WAIT_MS): loaded after it, the picture needs no second
// load. Events that arrive while a load is under way are applied again on top of its reply when they are at least
// as recent as what it says of their device. An event of a device the wall does not know (registered since) asks
// for a reload too, at most every NEW_DEVICE_RELOAD_MS.
//
// The book names no page: the page that keeps one (the desk, desk/state/desk-wall.ts) hands it its session, clock,
// open alerts and the REST call (WallSources) and tells it when those alerts or the session change.

import { batch, signal } from '@preact/signals';
import type { AlertType, AlertView, StatusWall, WsEvent } from '../../../schemas/index.js';
import { emptyCounts, isLow, isOffline, sameStates, statesOf, toHomeTile, worseAlert, type HomeTile, type WallCounts } from './wall-home.js';

export type DeviceStatusEvent = Extract<WsEvent, { type: 'device.status' }>['device'];
export type WallLoadState = 'idle' | 'loading' | 'ready' | 'error';

/** Homes of one region, in the wall's order (by address). */
export interface WallGroup {
  regionId: string;
  homes: HomeTile[];
}

/** What the wall reads of the page that keeps it; read without subscribing (like a signal's peek()). */
export interface WallSources {
  /** GET /status-wall for the session's token. */
  getStatusWall(sessionToken: string): Promise<StatusWall>;
  /** The session's token; null when signed out. */
  token(): string | null;
  /** Server time minus this page's time (ms), from the live link's last snapshot. */
  clockOffset(): number;
  /** The open alerts the page knows. */
  openAlerts(): Iterable<AlertView>;
}

/** A reconnect storm must not reload 20,000 homes at every attempt. */
const RELOAD_GAP_MS = 5000;
/** A device registered after the wall was loaded appears within this long (it costs a whole reload). */
const NEW_DEVICE_RELOAD_MS = 30_000;
/** How long a session's first load waits for the live link's first snapshot before it goes ahead without it. */
const LINK_WAIT_MS = 2000;
/** Signals are written once a frame; a hidden tab gets no frames, so a timer writes them there. */
const HIDDEN_FLUSH_MS = 500;

const addressOrder = new Intl.Collator('zh-CN', { numeric: true }).compare;

export class WallBook {
  /** Bumped (once a frame at most) after any home changed: components that draw tiles read it. */
  readonly rev = signal(0);
  /** Bumped when the set of homes changed (a load or a clear): the wall's rows are laid out again. */
  readonly layoutRev = signal(0);
  readonly loadState = signal<WallLoadState>('idle');
  readonly counts = signal<WallCounts>(emptyCounts());
  /** Devices that said they are offline (never-heard devices are not counted). */
  readonly devicesOffline = signal(0);

  private groupList: WallGroup[] = [];
  private readonly byElder = new Map<string, HomeTile>();
  private readonly byDevice = new Map<string, { home: HomeTile; device: HomeTile['devices'][number] }>();
  private readonly regionCounts = new Map<string, WallCounts>();
  private liveCounts = emptyCounts();
  private offlineDevices = 0;
  private alertByElder = new Map<string, AlertView>();
  private alertTypesByElder = new Map<string, AlertType[]>();

  /** Each load and clear takes a new number; a reply for an older one is dropped. */
  private generation = 0;
  /** Events received while a load is under way, applied again on top of its reply. */
  private arrivedDuringLoad: DeviceStatusEvent[] | null = null;
  private lastLoadStart = Number.NEGATIVE_INFINITY;
  private loading = false;
  /** Server time of the loaded picture, and of the live link's last snapshot (as this page saw it). */
  private pictureAt = Number.NEGATIVE_INFINITY;
  private linkSince = Number.NEGATIVE_INFINITY;
  private reloadTimer: ReturnType<typeof setTimeout> | undefined;
  private reloadDueAt = Number.POSITIVE_INFINITY;
  private flushFrame: number | undefined;
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly sources: WallSources;

  constructor(sources: WallSources) {
    this.sources = sources;
  }

  /** Loads the wall of the session; its first load waits for the live link's first snapshot (see above). */
  async load(sessionToken: string): Promise<void> {
    const firstOfSession = this.lastLoadStart === Number.NEGATIVE_INFINITY && this.linkSince === Number.NEGATIVE_INFINITY;
    if (!firstOfSession) return this.fetchWall(sessionToken);
    this.loadState.value = 'loading';
    this.reloadTimer ??= setTimeout(() => void this.fetchWall(sessionToken), LINK_WAIT_MS);
  }

  private async fetchWall(sessionToken: string): Promise<void> {
    clearTimeout(this.reloadTimer);
    this.reloadTimer = undefined;
    const generation = ++this.generation;
    this.lastLoadStart = Date.now();
    this.loading = true;
    this.arrivedDuringLoad = [];
    // A reload keeps the homes on screen until the new picture is there.
    if (this.byElder.size === 0) this.loadState.value = 'loading';
    let wall: StatusWall;
    try {
      wall = await this.sources.getStatusWall(sessionToken);
    } catch {
      if (generation !== this.generation) return;
      this.loading = false;
      this.arrivedDuringLoad = null;
      this.loadState.value = 'error';
      return;
    }
    if (generation !== this.generation) return;
    const arrived = this.arrivedDuringLoad;
    this.arrivedDuringLoad = null;
    this.loading = false;
    this.pictureAt = Date.parse(wall.at);
    this.build(wall);
    for (const event of arrived) {
      const entry = this.byDevice.get(event.deviceId);
      const known = entry?.device.lastSeenAt ? Date.parse(entry.device.lastSeenAt) : Number.NEGATIVE_INFINITY;
      if (entry && Date.parse(event.lastSeenAt) >= known) this.applyTo(entry, event);
    }
    batch(() => {
      this.layoutRev.value += 1;
      this.loadState.value = 'ready';
      this.flush();
    });
    this.reloadIfOlderThanLink();
  }

  /** After every (re)connect snapshot of the live link; clockOffset was just set from it. */
  snapshotTaken(): void {
    if (!this.sources.token()) return;
    this.linkSince = Date.now() + this.sources.clockOffset();
    // a load under way checks when its reply is in
    if (!this.loading) this.reloadIfOlderThanLink();
  }

  applyDeviceStatus(event: DeviceStatusEvent): void {
    this.arrivedDuringLoad?.push(event);
    const entry = this.byDevice.get(event.deviceId);
    if (!entry) {
      // registered after the wall was loaded: a reload brings it and its home
      if (!this.loading && this.pictureAt !== Number.NEGATIVE_INFINITY) this.reloadWithin(NEW_DEVICE_RELOAD_MS);
      return;
    }
    this.applyTo(entry, event);
    this.scheduleFlush();
  }

  clear(): void {
    this.generation += 1;
    clearTimeout(this.reloadTimer);
    this.reloadTimer = undefined;
    this.arrivedDuringLoad = null;
    this.lastLoadStart = Number.NEGATIVE_INFINITY;
    this.loading = false;
    this.pictureAt = Number.NEGATIVE_INFINITY;
    this.linkSince = Number.NEGATIVE_INFINITY;
    this.groupList = [];
    this.byElder.clear();
    this.byDevice.clear();
    this.regionCounts.clear();
    this.liveCounts = emptyCounts();
    this.offlineDevices = 0;
    batch(() => {
      this.layoutRev.value += 1;
      this.loadState.value = 'idle';
      this.flush();
    });
  }

  /** The homes by region; the same arrays until the next load (tiles change in place). */
  groups(): readonly WallGroup[] {
    return this.groupList;
  }

  home(elderId: string): HomeTile | undefined {
    return this.byElder.get(elderId);
  }

  /** The counts of one region's homes, current as of the last revision. */
  countsOf(regionId: string): WallCounts {
    return this.regionCounts.get(regionId) ?? emptyCounts();
  }

  /** The desk's open alerts changed: re-decide the homes that have or had one (their worst alert, their states). */
  syncAlerts(): void {
    const next = new Map<string, AlertView>();
    const types = new Map<string, AlertType[]>();
    for (const alert of this.sources.openAlerts()) {
      const current = next.get(alert.elder.id);
      next.set(alert.elder.id, current ? worseAlert(current, alert) : alert);
      const list = types.get(alert.elder.id);
      if (list) list.push(alert.type);
      else types.set(alert.elder.id, [alert.type]);
    }
    const touched = new Set([...this.alertByElder.keys(), ...next.keys()]);
    this.alertByElder = next;
    this.alertTypesByElder = types;
    for (const elderId of touched) {
      const home = this.byElder.get(elderId);
      if (!home) continue;
      home.alert = next.get(elderId) ?? null;
      home.alertTypes = types.get(elderId) ?? [];
      this.restate(home);
    }
    if (touched.size > 0) this.scheduleFlush();
  }

  private reloadIfOlderThanLink(): void {
    if (this.pictureAt < this.linkSince) this.reloadWithin(RELOAD_GAP_MS);
  }

  /** Reloads once `gap` has passed since the last load started: now, or when it has. */
  private reloadWithin(gap: number): void {
    const dueAt = this.lastLoadStart + gap;
    if (dueAt <= Date.now()) {
      this.reloadNow();
      return;
    }
    // one timer: the earliest reload asked for wins
    if (this.reloadTimer !== undefined && this.reloadDueAt <= dueAt) return;
    clearTimeout(this.reloadTimer);
    this.reloadDueAt = dueAt;
    this.reloadTimer = setTimeout(() => this.reloadNow(), dueAt - Date.now());
  }

  private reloadNow(): void {
    const current = this.sources.token();
    if (current) void this.fetchWall(current);
  }

  private build(wall: StatusWall): void {
    this.byElder.clear();
    this.byDevice.clear();
    this.regionCounts.clear();
    this.liveCounts = emptyCounts();
    this.offlineDevices = 0;
    const byRegion = new Map<string, HomeTile[]>();
    const homes = wall.homes.map(toHomeTile).sort((a, b) => addressOrder(a.address, b.address) || addressOrder(a.name, b.name));
    for (const home of homes) {
      home.alert = this.alertByElder.get(home.elderId) ?? null;
      home.alertTypes = this.alertTypesByElder.get(home.elderId) ?? [];
      home.states = statesOf(home);
      home.state = home.states[0] ?? 'noData';
      this.byElder.set(home.elderId, home);
      for (const device of home.devices) this.byDevice.set(device.id, { home, device });
      this.offlineDevices += home.offline;
      const group = byRegion.get(home.regionId);
      if (group) group.push(home);
      else byRegion.set(home.regionId, [home]);
      this.tally(home, 1);
    }
    this.groupList = [...byRegion].map(([regionId, list]) => ({ regionId, homes: list }));
  }

  private applyTo(entry: { home: HomeTile; device: HomeTile['devices'][number] }, event: DeviceStatusEvent): void {
    const { home, device } = entry;
    const wasReported = device.online !== null;
    const wasOffline = isOffline(device);
    const wasLow = isLow(device, home.batteryLow);
    device.online = event.online;
    device.battery = event.battery;
    device.lastSeenAt = event.lastSeenAt;
    home.reported += Number(!wasReported);
    const offlineDelta = Number(isOffline(device)) - Number(wasOffline);
    home.offline += offlineDelta;
    this.offlineDevices += offlineDelta;
    home.low += Number(isLow(device, home.batteryLow)) - Number(wasLow);
    this.restate(home);
  }

  /** Moves the home to the states its tallies and alerts say, and the counts with it. */
  private restate(home: HomeTile): void {
    const next = statesOf(home);
    if (sameStates(next, home.states)) return;
    this.tally(home, -1);
    home.states = next;
    home.state = next[0] ?? 'noData';
    this.tally(home, 1);
  }

  /** A home counts once in `homes` and once in each of its states (so the states may add up to more than homes). */
  private tally(home: HomeTile, sign: 1 | -1): void {
    let region = this.regionCounts.get(home.regionId);
    if (!region) this.regionCounts.set(home.regionId, (region = emptyCounts()));
    for (const counts of [this.liveCounts, region]) {
      counts.homes += sign;
      for (const state of home.states) counts[state] += sign;
    }
  }

  private scheduleFlush(): void {
    if (this.flushFrame !== undefined || this.flushTimer !== undefined) return;
    if (document.hidden) this.flushTimer = setTimeout(() => this.flush(), HIDDEN_FLUSH_MS);
    else this.flushFrame = requestAnimationFrame(() => this.flush());
  }

  private flush(): void {
    if (this.flushFrame !== undefined) cancelAnimationFrame(this.flushFrame);
    clearTimeout(this.flushTimer);
    this.flushFrame = undefined;
    this.flushTimer = undefined;
    batch(() => {
      this.counts.value = { ...this.liveCounts };
      this.devicesOffline.value = this.offlineDevices;
      this.rev.value += 1;
    });
  }
}
