import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { Home } from './homes.js';

// The demo's provisioned homes, with the device secrets the gateway showed only once. Kept next to the
// gateway's data so a second `npm run demo` reuses the same elders and buttons instead of adding more.

const homesFileSchema = z.object({
  version: z.literal(1),
  homes: z.array(
    z.object({
      elderId: z.string(),
      deviceId: z.string(),
      secret: z.string(),
      name: z.string(),
      address: z.string(),
    }),
  ),
});

/** The saved homes, or an empty list when there is no file yet. */
export async function readHomesFile(path: string): Promise<Home[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const parsed = homesFileSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${path} is not a demo homes file; move it away to provision anew`);
  return parsed.data.homes;
}

/** Writes through a temporary file and a rename, so an interrupted write never leaves half a file. */
export async function writeHomesFile(path: string, homes: readonly Home[]): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.tmp`;
  // Owner-only: the file holds device secrets.
  await writeFile(temporary, `${JSON.stringify({ version: 1, homes }, null, 2)}\n`, { mode: 0o600 });
  await rename(temporary, path);
}
