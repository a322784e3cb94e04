import { describe, expect, it } from 'vitest';
import { homeLocation } from '../../device-sim/src/home-locations.js';

// Where the demo puts its homes (device-sim/src/home-locations.ts): every home of the demo's communities gets a point
// near its community in the made-up 清源县 around 30.6°N 114.3°E, the same one on every run, and an address the demo
// does not know gets none.

/** Metres between two nearby points (equirectangular: fine at a few kilometres). */
function metres(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const dLat = (b.lat - a.lat) * 111_320;
  const dLng = (b.lng - a.lng) * 111_320 * Math.cos((a.lat * Math.PI) / 180);
  return Math.hypot(dLat, dLng);
}

const SEED = 2026;

describe('demo home locations', () => {
  it('when the demo places homes in its communities, then each gets a point within a kilometre of its community, homes apart from one another', () => {
    for (const community of ['城关镇幸福社区', '城关镇和平社区', '城关镇东关村']) {
      const points = Array.from({ length: 12 }, (_, i) => homeLocation(SEED, i, `清源县${community}${i + 1}号`));
      const first = points[0]!;
      for (const point of points) {
        expect(point).not.toBeNull();
        expect(metres({ lat: 30.6, lng: 114.3 }, point!)).toBeLessThan(6000);
        expect(metres(first, point!)).toBeLessThan(1500);
      }
      expect(new Set(points.map((p) => `${p!.lat},${p!.lng}`)).size).toBe(points.length);
    }
  });

  it('when a home is located twice, then it is the same point, with six decimals as a GPS gives', () => {
    const once = homeLocation(SEED, 7, '清源县城关镇和平社区5栋2单元301');
    expect(homeLocation(SEED, 7, '清源县城关镇和平社区5栋2单元301')).toEqual(once);
    expect(once!.lat.toFixed(6)).toBe(String(once!.lat));
  });

  it('when rooms are in the care institution, then they share its door; an unknown address gets no location', () => {
    const a = homeLocation(SEED, 11, '清源县城关镇幸福社区颐养中心201室');
    expect(homeLocation(SEED, 23, '清源县城关镇幸福社区颐养中心305室')).toEqual(a);
    expect(homeLocation(SEED, 3, '某市某区某街道1号')).toBeNull();
  });
});
