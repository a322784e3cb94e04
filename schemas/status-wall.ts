import { z } from 'zod';
import { deviceKindSchema } from './devices/device-kinds.js';

// The status wall: every home (an elder at home, or an institution room) of the caller's region with its devices'
// presence, in one reply the desk draws as tiles and then keeps current from the live `device.status` events.
// Compact on purpose: 20,000 homes must load in one request.

export const wallDeviceSchema = z.object({
  id: z.string(),
  kind: deviceKindSchema,
  room: z.string().nullable(),
  /** null: never heard from since it was registered. */
  online: z.boolean().nullable(),
  battery: z.number().nullable(),
  lastSeenAt: z.iso.datetime().nullable(),
});
export type WallDevice = z.infer<typeof wallDeviceSchema>;

export const wallHomeSchema = z.object({
  elderId: z.string(),
  name: z.string(),
  address: z.string(),
  /** The elder's community (or town, county): the wall groups by it. */
  regionId: z.string(),
  /** Battery percentage below which this elder's devices count as low (the elder's threshold). */
  batteryLow: z.number(),
  devices: z.array(wallDeviceSchema),
});
export type WallHome = z.infer<typeof wallHomeSchema>;

export const statusWallSchema = z.object({
  at: z.iso.datetime(),
  homes: z.array(wallHomeSchema),
});
export type StatusWall = z.infer<typeof statusWallSchema>;
