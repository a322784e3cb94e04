import type { GeoPoint } from '../../schemas/index.js';
import type { GatewayClient } from './gateway-client.js';
import { seededRandom } from './seeded-random.js';

// Where the demo's homes are, so the desk and the responders' phones have map links to try: the made-up county 清源县
// is put around 30.6°N 114.3°E (WGS-84), each town a few kilometres from the next, each community a few hundred metres
// across (a village wider), and each home at a point of its community. A function of (seed, index, address), with
// draws of its own, so the profile's person and devices do not change because of it. The institution's rooms share
// the institution's door.

/** A community's centre and how far (degrees, each way) its homes spread from it. */
interface Area {
  lat: number;
  lng: number;
  spread: number;
}

/** By the "town + community" their addresses hold (home-profiles.ts, demo/care-network.ts). */
const AREAS: Readonly<Record<string, Area>> = {
  城关镇幸福社区: { lat: 30.6112, lng: 114.3021, spread: 0.0025 },
  城关镇和平社区: { lat: 30.5987, lng: 114.3164, spread: 0.0025 },
  城关镇新华社区: { lat: 30.6051, lng: 114.2932, spread: 0.0025 },
  城关镇东关村: { lat: 30.6254, lng: 114.3357, spread: 0.006 },
  东湖街道向阳社区: { lat: 30.5872, lng: 114.3468, spread: 0.0025 },
  东湖街道民主社区: { lat: 30.5814, lng: 114.3392, spread: 0.0025 },
  东湖街道滨湖社区: { lat: 30.5768, lng: 114.3551, spread: 0.003 },
  河口镇红星村: { lat: 30.6693, lng: 114.2617, spread: 0.006 },
  河口镇河口社区: { lat: 30.6612, lng: 114.2745, spread: 0.0025 },
  河口镇柳树村: { lat: 30.6781, lng: 114.2803, spread: 0.006 },
  青山镇青山村: { lat: 30.5483, lng: 114.2472, spread: 0.006 },
  青山镇石桥村: { lat: 30.5396, lng: 114.2611, spread: 0.006 },
  青山镇团结社区: { lat: 30.5529, lng: 114.2558, spread: 0.0025 },
};
/** The county's care institution (城关镇幸福社区颐养中心): one building for all its rooms. */
const INSTITUTION: GeoPoint = { lat: 30.6128, lng: 114.2993 };

/** Six decimals, as a phone's GPS reports (about 0.1 m). */
const round6 = (value: number) => Math.round(value * 1e6) / 1e6;

/** The home's point, or null for an address in none of the county's known communities (left without a location). */
export function homeLocation(seed: number, index: number, address: string): GeoPoint | null {
  if (address.includes('颐养中心')) return INSTITUTION;
  const area = Object.entries(AREAS).find(([place]) => address.includes(place))?.[1];
  if (!area) return null;
  const random = seededRandom((seed * 100_003 + index) ^ 0x10ca_7e5);
  // two draws averaged: homes cluster towards the centre, as a community's lanes do
  const offset = () => ((random() + random()) / 2 - 0.5) * 2 * area.spread;
  return { lat: round6(area.lat + offset()), lng: round6(area.lng + offset() * 1.15) };
}

/**
 * Gives the homes saved by an earlier demo their location where their record has none (the record may have been
 * changed since: a location set by hand stays). Returns how many were given one.
 */
export async function locateSavedHomes(client: GatewayClient, homes: readonly { elderId: string }[], seed: number): Promise<number> {
  let located = 0;
  for (const [index, home] of homes.entries()) {
    const elder = await client.getElder(home.elderId);
    if (elder.location) continue;
    const location = homeLocation(seed, index, elder.address);
    if (!location) continue;
    await client.updateElder(home.elderId, { location });
    located += 1;
  }
  return located;
}
