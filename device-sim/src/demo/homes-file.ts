import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { deviceKindSchema } from '../../../schemas/index.js';
import type { Home, HomeDevice } from '../homes.js';

// The demo's provisioned homes, with the device secrets the gateway showed only once, and the devices its scenarios
// registered. Kept next to the gateway's data so a second `npm run demo` reuses the same elders and devices instead
// of adding more, and reconnects the scenarios' devices instead of leaving them to go offline.
// Version 1 (call buttons only) is still read: its homes get their other devices when the demo starts. Homes of
// either version without a regionId are moved into a community of the demo's care network once.

export interface DemoHomes {
  homes: Home[];
  /** Devices registered by scenarios the demo played, to keep connected across restarts. */
  scenarioDevices: HomeDevice[];
}

const homeDeviceSchema = z.object({ kind: deviceKindSchema, deviceId: z.string(), secret: z.string(), room: z.string().nullable() });

const homeV1Schema = z.object({
  elderId: z.string(),
  deviceId: z.string(),
  secret: z.string(),
  name: z.string(),
  address: z.string(),
});

const homesFileSchema = z.discriminatedUnion('version', [
  z.object({ version: z.literal(1), homes: z.array(homeV1Schema) }),
  z.object({
    version: z.literal(2),
    // regionId: the community the elder was placed in; homes saved before the care network have none.
    homes: z.array(homeV1Schema.extend({ devices: z.array(homeDeviceSchema), regionId: z.string().optional() })),
    scenarioDevices: z.array(homeDeviceSchema).default([]),
  }),
]);

/** The saved homes and scenario devices, or empty lists when there is no file yet. */
export async function readHomesFile(path: string): Promise<DemoHomes> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { homes: [], scenarioDevices: [] };
    throw err;
  }
  const parsed = homesFileSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${path} is not a demo homes file; move it away to provision anew`);
  if (parsed.data.version === 2) return { homes: parsed.data.homes, scenarioDevices: parsed.data.scenarioDevices };
  const homes = parsed.data.homes.map((home) => ({
    ...home,
    devices: [{ kind: 'call_button' as const, deviceId: home.deviceId, secret: home.secret, room: null }],
  }));
  return { homes, scenarioDevices: [] };
}

/** Writes through a temporary file and a rename, so an interrupted write never leaves half a file. */
export async function writeHomesFile(path: string, demo: DemoHomes): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.tmp`;
  // Owner-only: the file holds device secrets.
  await writeFile(temporary, `${JSON.stringify({ version: 2, ...demo }, null, 2)}\n`, { mode: 0o600 });
  await rename(temporary, path);
}
