import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { deviceKindSchema, type DeviceKind } from '../../../schemas/index.js';
import { connectGatewayClient, type GatewayClient } from '../gateway-client.js';
import { planFleet, type PlannedHome } from './fleet-mix.js';
import { DEFAULT_FLEET_MIX, type FleetDevice, type FleetMix } from './load.types.js';

// Registers a load fleet through the gateway's real REST API, as an installer's bulk tool would: an elder per home
// of 1–3 devices, then the home's devices, whose secrets the gateway shows only this once. A few homes at a time
// (`concurrency`), because one request at a time would measure HTTP round trips, not the gateway; and not hundreds,
// because SQLite commits one at a time anyway and a request queue only adds latency.
// The fleet is saved to a file so that a benchmark can run many times against the same gateway data.

export interface ProvisionFleetOptions {
  /** http://host:port of the gateway. */
  httpUrl: string;
  /** An admin of the gateway. */
  username: string;
  password: string;
  count: number;
  mix?: FleetMix;
  /** Homes registered at the same time; 16 by default. */
  concurrency?: number;
  /** After each device: how many are registered of how many. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Start of every device id (`<prefix>-<kind>-<n>`); by default `ld` and the time in base 36, so a second fleet on
   * the same gateway never collides with the first.
   */
  idPrefix?: string;
}

const DEFAULT_CONCURRENCY = 16;

/** Short, readable kind names for device ids and labels. */
const KIND_CODES: Record<DeviceKind, string> = {
  call_button: 'btn',
  wearable: 'watch',
  camera: 'cam',
  smoke_detector: 'smoke',
  gas_detector: 'gas',
  water_leak_sensor: 'water',
  door_sensor: 'door',
  motion_sensor: 'pir',
  bed_sensor: 'bed',
};

/** Where each kind is installed. No motion sensor in a bathroom: that would start the bathroom-stay clock. */
const ROOMS: Partial<Record<DeviceKind, string>> = {
  call_button: 'bedroom',
  smoke_detector: 'kitchen',
  gas_detector: 'kitchen',
  water_leak_sensor: 'bathroom',
  door_sensor: 'entrance',
  motion_sensor: 'living room',
  bed_sensor: 'bedroom',
};

export async function provisionFleet(options: ProvisionFleetOptions): Promise<FleetDevice[]> {
  const { count, mix = DEFAULT_FLEET_MIX, onProgress } = options;
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? DEFAULT_CONCURRENCY));
  const prefix = options.idPrefix ?? `ld${Date.now().toString(36)}`;
  const plan = planFleet(count, mix);
  const client = await connectGatewayClient(options.httpUrl, options.username, options.password);
  const devices: FleetDevice[] = new Array<FleetDevice>(plan.kinds.length);
  let done = 0;
  let nextHome = 0;
  let failure: unknown = null;

  const registerHome = async (home: PlannedHome, homeNumber: number): Promise<void> => {
    const elder = await client.createElder({
      name: `Load elder ${homeNumber}`,
      address: `Load test home ${homeNumber}`,
      riskCategory: 'general',
    });
    for (const index of home.deviceIndexes) {
      const kind = plan.kinds[index]!;
      devices[index] = await registerDevice(client, elder.id, kind, `${prefix}-${KIND_CODES[kind]}-${index + 1}`, homeNumber);
      done += 1;
      onProgress?.(done, plan.kinds.length);
    }
  };
  // A pool of `concurrency` runners taking the next home; the first failure stops them all.
  const runner = async (): Promise<void> => {
    while (failure === null && nextHome < plan.homes.length) {
      const homeNumber = nextHome + 1;
      const home = plan.homes[nextHome]!;
      nextHome += 1;
      try {
        await registerHome(home, homeNumber);
      } catch (err) {
        failure ??= err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, plan.homes.length) }, runner));
  if (failure !== null) throw failure instanceof Error ? failure : new Error(String(failure));
  return devices;
}

async function registerDevice(client: GatewayClient, elderId: string, kind: DeviceKind, id: string, homeNumber: number): Promise<FleetDevice> {
  // Cameras are in institution rooms; the room number makes their detections readable on the desk.
  const room = kind === 'camera' ? `${100 + (homeNumber % 400)}` : ROOMS[kind];
  const reply = await client.createDevice({ elderId, kind, id, ...(room === undefined ? {} : { room }) });
  return { id: reply.id, secret: reply.secret, kind, elderId };
}

const fleetFileSchema = z.object({
  format: z.literal('eldercare-load-fleet'),
  version: z.literal(1),
  savedAt: z.string(),
  devices: z.array(z.object({ id: z.string(), secret: z.string(), kind: deviceKindSchema, elderId: z.string() })),
});

/**
 * Saves the fleet with its secrets (they cannot be asked for again), through a temporary file and a rename so an
 * interrupted write never leaves half a file. Keep it next to the gateway data dir it belongs to.
 */
export async function saveFleet(path: string, devices: FleetDevice[]): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const file: z.infer<typeof fleetFileSchema> = {
    format: 'eldercare-load-fleet',
    version: 1,
    savedAt: new Date().toISOString(),
    devices: devices.map(({ id, secret, kind, elderId }) => ({ id, secret, kind, elderId })),
  };
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(file), { mode: 0o600 });
  await rename(temporary, path);
}

/** The fleet saved by saveFleet; throws when the file is missing or is not a fleet file. */
export async function loadFleet(path: string): Promise<FleetDevice[]> {
  const parsed = fleetFileSchema.safeParse(JSON.parse(await readFile(path, 'utf8')));
  if (!parsed.success) throw new Error(`${path} is not a load fleet file (${parsed.error.issues[0]?.message ?? 'invalid'})`);
  return parsed.data.devices;
}
