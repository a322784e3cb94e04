import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StatusWall } from '../../../schemas/index.js';
import { emptyCounts } from '../../../dashboard/src/model/wall-home.js';
import { aDevice, aHome, anAlert } from './fixtures.js';

// The status wall's book, without a browser: the page's frame clock and visibility are the only globals it touches
// (when it writes its signals), so a hand-driven frame queue and `document.hidden` stand in for them, and the
// REST call is replaced by replies the test hands out one by one.

const api = vi.hoisted(() => {
  const pending: Array<{ resolve: (wall: StatusWall) => void; reject: (error: Error) => void }> = [];
  // Called with the session token; each call waits until the test answers it.
  const getStatusWall = vi.fn(
    () =>
      new Promise<StatusWall>((resolve, reject) => {
        pending.push({ resolve, reject });
      }),
  );
  return { pending, getStatusWall };
});
vi.mock('../../../dashboard/src/shared/api.js', () => ({ getStatusWall: api.getStatusWall }));

const frames = new Map<number, () => void>();
let nextFrameId = 1;
vi.stubGlobal('document', { hidden: false });
vi.stubGlobal('requestAnimationFrame', (callback: () => void) => {
  const id = nextFrameId++;
  frames.set(id, callback);
  return id;
});
vi.stubGlobal('cancelAnimationFrame', (id: number) => void frames.delete(id));

function runFrame(): void {
  const due = [...frames.values()];
  frames.clear();
  for (const callback of due) callback();
}

const { wallBook, wallCounts, devicesOffline } = await import('../../../dashboard/src/desk/state/desk-wall.js');
const { wallRows } = await import('../../../dashboard/src/desk/wall/wall-rows.js');
const { alerts, bumpAlerts, clearSession, token } = await import('../../../dashboard/src/desk/state/desk-state.js');

const T0 = Date.parse('2025-03-01T08:00:00.000Z');
const at = (secondsAfter: number) => new Date(T0 + secondsAfter * 1000).toISOString();

/** Two homes in community-a, one in community-b. */
function theWall(): StatusWall {
  return {
    at: at(0),
    homes: [
      aHome({ elderId: 'e-10', address: '幸福路 10 号', devices: [aDevice({ id: 'd-10', lastSeenAt: at(-60) })] }),
      aHome({
        elderId: 'e-2',
        address: '幸福路 2 号',
        batteryLow: 20,
        devices: [aDevice({ id: 'd-2a', lastSeenAt: at(-60) }), aDevice({ id: 'd-2b', online: null, battery: null, lastSeenAt: null })],
      }),
      aHome({ elderId: 'e-b', address: '和平街 1 号', regionId: 'community-b', devices: [aDevice({ id: 'd-b', online: false, lastSeenAt: at(-600) })] }),
    ],
    // the gateway's counts: the desk counts again from its live open alerts
    counts: emptyCounts(),
  };
}

const status = (deviceId: string, change: { online?: boolean; battery?: number | null; lastSeenAt?: string }) => ({
  deviceId,
  elderId: 'unused',
  regionId: 'unused',
  online: change.online ?? true,
  battery: change.battery ?? 90,
  lastSeenAt: change.lastSeenAt ?? at(10),
});

async function settle(): Promise<void> {
  await vi.advanceTimersByTimeAsync(0);
}

/** Starts a load the way the page does after the live link's snapshot, and answers it with `wall`. */
async function loaded(wall: StatusWall = theWall()): Promise<void> {
  wallBook.snapshotTaken();
  await settle();
  api.pending.shift()?.resolve(wall);
  await settle();
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: T0 });
  clearSession();
  frames.clear();
  api.pending.length = 0;
  api.getStatusWall.mockClear();
  token.value = 'token-1';
});

afterEach(() => {
  clearSession();
  vi.useRealTimers();
});

describe('status wall book: loading', () => {
  it('when the wall is loaded, then each home is counted in its state, by region too', async () => {
    await loaded();
    expect(api.getStatusWall).toHaveBeenCalledWith('token-1');
    expect(wallBook.loadState.value).toBe('ready');
    expect(wallCounts.value).toEqual({ homes: 3, openAlert: 0, offline: 1, lowBattery: 0, online: 2, noData: 0 });
    expect(devicesOffline.value).toBe(1);
    expect(wallBook.countsOf('community-a')).toMatchObject({ homes: 2, online: 2 });
    expect(wallBook.countsOf('community-b')).toMatchObject({ homes: 1, offline: 1 });
    expect(wallBook.countsOf('nowhere')).toMatchObject({ homes: 0 });
  });

  it('when the wall is loaded, then homes are grouped by region and ordered by address with numbers in order', async () => {
    await loaded();
    const groups = wallBook.groups().map((g) => [g.regionId, g.homes.map((h) => h.elderId)]);
    expect(groups).toEqual([
      ['community-b', ['e-b']],
      ['community-a', ['e-2', 'e-10']],
    ]);
  });

  it('when the load fails, then the wall says so', async () => {
    wallBook.snapshotTaken();
    await settle();
    api.pending.shift()?.reject(new Error('network'));
    await settle();
    expect(wallBook.loadState.value).toBe('error');
  });

  it('when the session is forgotten while a load is under way, then its late reply is dropped', async () => {
    wallBook.snapshotTaken();
    await settle();
    const reply = api.pending.shift();
    clearSession();
    reply?.resolve(theWall());
    await settle();
    expect(wallBook.loadState.value).toBe('idle');
    expect(wallBook.groups()).toEqual([]);
    expect(wallCounts.value.homes).toBe(0);
  });
});

describe('status wall book: device.status events', () => {
  it('when a device goes offline, then its home moves from online to offline, once the frame comes', async () => {
    await loaded();
    const revBefore = wallBook.rev.value;
    wallBook.applyDeviceStatus(status('d-10', { online: false }));
    expect(wallCounts.value.offline).toBe(1);
    runFrame();
    expect(wallCounts.value).toEqual({ homes: 3, openAlert: 0, offline: 2, lowBattery: 0, online: 1, noData: 0 });
    expect(devicesOffline.value).toBe(2);
    expect(wallBook.countsOf('community-a')).toMatchObject({ online: 1, offline: 1 });
    expect(wallBook.home('e-10')).toMatchObject({ state: 'offline', offline: 1 });
    expect(wallBook.rev.value).toBe(revBefore + 1);
  });

  it('when many events come in one frame, then the signals are written once', async () => {
    await loaded();
    const revBefore = wallBook.rev.value;
    wallBook.applyDeviceStatus(status('d-10', { online: false, lastSeenAt: at(10) }));
    wallBook.applyDeviceStatus(status('d-10', { online: true, lastSeenAt: at(11) }));
    wallBook.applyDeviceStatus(status('d-b', { online: true, lastSeenAt: at(12) }));
    expect(frames.size).toBe(1);
    runFrame();
    expect(wallBook.rev.value).toBe(revBefore + 1);
    expect(wallCounts.value).toMatchObject({ offline: 0, online: 3 });
    expect(devicesOffline.value).toBe(0);
  });

  it('when the tab is hidden, then a timer writes the signals instead of a frame', async () => {
    await loaded();
    vi.stubGlobal('document', { hidden: true });
    try {
      wallBook.applyDeviceStatus(status('d-10', { online: false }));
      expect(frames.size).toBe(0);
      await vi.advanceTimersByTimeAsync(500);
      expect(wallCounts.value.offline).toBe(2);
    } finally {
      vi.stubGlobal('document', { hidden: false });
    }
  });

  it('when a battery drops below the home threshold and comes back, then the home goes low and back online', async () => {
    await loaded();
    wallBook.applyDeviceStatus(status('d-2a', { battery: 19 }));
    runFrame();
    expect(wallBook.home('e-2')).toMatchObject({ state: 'lowBattery', low: 1 });
    expect(wallCounts.value).toMatchObject({ lowBattery: 1, online: 1 });
    wallBook.applyDeviceStatus(status('d-2a', { battery: 80, lastSeenAt: at(20) }));
    runFrame();
    expect(wallBook.home('e-2')).toMatchObject({ state: 'online', low: 0 });
    expect(wallCounts.value).toMatchObject({ lowBattery: 0, online: 2 });
  });

  it('when a device never heard from reports, then its home counts it as reported', async () => {
    await loaded({ at: at(0), homes: [aHome({ elderId: 'e-n', devices: [aDevice({ id: 'd-n', online: null, battery: null, lastSeenAt: null })] })], counts: emptyCounts() });
    expect(wallCounts.value).toMatchObject({ homes: 1, noData: 1 });
    wallBook.applyDeviceStatus(status('d-n', { online: true }));
    wallBook.applyDeviceStatus(status('d-n', { online: true, lastSeenAt: at(30) }));
    runFrame();
    expect(wallBook.home('e-n')).toMatchObject({ reported: 1, state: 'online' });
    expect(wallCounts.value).toMatchObject({ homes: 1, noData: 0, online: 1 });
  });

  it('when a device the wall does not know reports, then nothing moves and the wall is loaded again within 30 s', async () => {
    await loaded();
    const before = { ...wallCounts.value };
    wallBook.applyDeviceStatus(status('d-new', { online: false }));
    runFrame();
    expect(wallCounts.value).toEqual(before);
    expect(api.getStatusWall).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(29_000);
    expect(api.getStatusWall).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(api.getStatusWall).toHaveBeenCalledTimes(2);
  });

  it('when events arrive during a reload, then those newer than its reply are applied on top of it and older ones are not', async () => {
    await loaded();
    vi.advanceTimersByTime(10_000);
    wallBook.snapshotTaken();
    await settle();
    expect(api.getStatusWall).toHaveBeenCalledTimes(2);
    // While the reload is under way the old picture still moves.
    wallBook.applyDeviceStatus(status('d-10', { online: false, lastSeenAt: at(5) }));
    wallBook.applyDeviceStatus(status('d-b', { online: true, lastSeenAt: at(-1000) }));
    runFrame();
    expect(wallCounts.value).toMatchObject({ offline: 1, online: 2 });

    const reply = theWall();
    reply.at = at(3);
    api.pending.shift()?.resolve(reply);
    await settle();
    // d-10: the event (t+5) is newer than the reply's lastSeenAt (t-60): offline stays.
    // d-b: the event (t-1000) is older than the reply's lastSeenAt (t-600): the reply's offline stands.
    expect(wallBook.home('e-10')?.state).toBe('offline');
    expect(wallBook.home('e-b')?.state).toBe('offline');
    expect(wallCounts.value).toEqual({ homes: 3, openAlert: 0, offline: 2, lowBattery: 0, online: 1, noData: 0 });
    expect(devicesOffline.value).toBe(2);
  });

  it('when an event arrives during the first load, then it is applied to the loaded picture', async () => {
    wallBook.snapshotTaken();
    await settle();
    wallBook.applyDeviceStatus(status('d-2a', { online: false, lastSeenAt: at(1) }));
    api.pending.shift()?.resolve(theWall());
    await settle();
    expect(wallBook.home('e-2')?.state).toBe('offline');
    expect(wallCounts.value).toMatchObject({ offline: 2, online: 1 });
    expect(api.getStatusWall).toHaveBeenCalledTimes(1);
  });
});

describe('status wall book: open alerts', () => {
  it('when an elder of an offline home has open alerts, then the home is drawn with the worst one and counted as open alert and offline until they close', async () => {
    await loaded();
    const urgent = anAlert({ id: 'a-1', priority: 2, elder: { id: 'e-b', name: '', address: '', regionId: 'community-b' } });
    const life = anAlert({ id: 'a-2', priority: 1, status: 'acknowledged', elder: { id: 'e-b', name: '', address: '', regionId: 'community-b' } });
    alerts.upsert(urgent);
    alerts.upsert(life);
    bumpAlerts();
    runFrame();
    expect(wallBook.home('e-b')?.alert?.id).toBe('a-2');
    // its device is still offline: the home counts in both (issue 20: it used to leave the offline count)
    expect(wallCounts.value).toMatchObject({ openAlert: 1, offline: 1 });
    expect(wallBook.countsOf('community-b')).toMatchObject({ openAlert: 1, offline: 1 });
    expect(wallBook.home('e-b')).toMatchObject({ state: 'openAlert', states: ['openAlert', 'offline'] });

    alerts.upsert({ ...life, status: 'resolved', resolvedAt: at(30) });
    alerts.upsert({ ...urgent, status: 'false_alarm', resolvedAt: at(30) });
    bumpAlerts();
    runFrame();
    expect(wallBook.home('e-b')).toMatchObject({ alert: null, state: 'offline' });
    expect(wallCounts.value).toMatchObject({ openAlert: 0, offline: 1 });
  });

  it('when the wall is loaded after an alert was raised, then the home starts in the open alert state', async () => {
    alerts.upsert(anAlert({ id: 'a-1', elder: { id: 'e-10', name: '', address: '', regionId: 'community-a' } }));
    bumpAlerts();
    await loaded();
    expect(wallBook.home('e-10')?.state).toBe('openAlert');
    expect(wallCounts.value).toMatchObject({ homes: 3, openAlert: 1, online: 1, offline: 1 });
  });

  it('when a home has an open alert, an offline device and a low battery, then it counts in all three and each filter shows it', async () => {
    await loaded({
      at: at(0),
      homes: [
        aHome({ elderId: 'e-3', devices: [aDevice({ id: 'd-3a', lastSeenAt: at(-60) }), aDevice({ id: 'd-3b', lastSeenAt: at(-60) })] }),
        aHome({ elderId: 'e-ok', devices: [aDevice({ id: 'd-ok', lastSeenAt: at(-60) })] }),
      ],
      counts: emptyCounts(),
    });
    wallBook.applyDeviceStatus(status('d-3a', { online: false, lastSeenAt: at(5) }));
    wallBook.applyDeviceStatus(status('d-3b', { battery: 8, lastSeenAt: at(5) }));
    alerts.upsert(anAlert({ id: 'a-3', type: 'low_battery', priority: 3, elder: { id: 'e-3', name: '', address: '', regionId: 'community-a' } }));
    bumpAlerts();
    runFrame();
    expect(wallBook.home('e-3')).toMatchObject({ state: 'openAlert', states: ['openAlert', 'offline', 'lowBattery'] });
    // a home in three states counts in each; the states add up to more than the homes
    expect(wallCounts.value).toEqual({ homes: 2, openAlert: 1, offline: 1, lowBattery: 1, online: 1, noData: 0 });
    for (const state of ['openAlert', 'offline', 'lowBattery'] as const) {
      const shown = wallRows(wallBook.groups(), { state, query: '' }, 4, (id) => id).flatMap((row) => (row.kind === 'tiles' ? row.homes.map((h) => h.elderId) : []));
      expect(shown, state).toEqual(['e-3']);
    }

    // the battery is changed: the low battery goes with the device's reading and its alert both
    wallBook.applyDeviceStatus(status('d-3b', { battery: 95, lastSeenAt: at(20) }));
    alerts.upsert({ ...anAlert({ id: 'a-3', type: 'low_battery', priority: 3, elder: { id: 'e-3', name: '', address: '', regionId: 'community-a' } }), status: 'cleared', resolvedAt: at(20) });
    bumpAlerts();
    runFrame();
    expect(wallBook.home('e-3')).toMatchObject({ state: 'offline', states: ['offline'] });
    expect(wallCounts.value).toEqual({ homes: 2, openAlert: 0, offline: 1, lowBattery: 0, online: 1, noData: 0 });
  });
});
