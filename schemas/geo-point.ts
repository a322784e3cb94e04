import { z } from 'zod';

// A point on the earth as a GPS gives it: WGS-84 degrees (the datum of RFC 5870's geo: URI and of every phone's
// location). Chinese map apps draw on GCJ-02 and Baidu on BD-09; the dashboard converts when it builds their links
// (dashboard/src/shared/map-links.ts), so what is stored is never shifted.

export const geoPointSchema = z.strictObject({
  /** Degrees north, -90 … 90. */
  lat: z.number().min(-90).max(90),
  /** Degrees east, -180 … 180. */
  lng: z.number().min(-180).max(180),
});
export type GeoPoint = z.infer<typeof geoPointSchema>;
