import { completeHome } from '../device-sim/src/homes.js';
import { homeProfile } from '../device-sim/src/home-profiles.js';
import { readHomesFile, writeHomesFile } from '../device-sim/src/demo-homes-file.js';
import { writeFileSync } from 'node:fs';
let n = 0;
const calls: string[] = [];
const client: any = {
  setCareProfile: async (id: string, b: unknown) => { calls.push(`care ${id} ${JSON.stringify(b)}`); },
  createDevice: async (b: any) => { calls.push(`dev ${b.kind} ${b.room}`); return { id: `d${++n}`, secret: 's' }; },
};
writeFileSync('/tmp/v1.json', JSON.stringify({ version: 1, homes: [{ elderId: 'e1', deviceId: 'b1', secret: 'x', name: '王桂英', address: 'a' }] }));
const homes = await readHomesFile('/tmp/v1.json');
const profile = homeProfile(2026, 0);
console.log(JSON.stringify(profile));
const full = await completeHome(client, homes[0]!, profile);
console.log(calls, full.devices.length, full === homes[0]);
const again = await completeHome(client, full, profile);
console.log(again === full);
await writeHomesFile('/tmp/v2.json', [full]);
console.log((await readHomesFile('/tmp/v2.json'))[0]!.devices.length);
