import { homeProfile as oldP } from './old-profiles.js';
import { homeProfile as newP } from '../device-sim/src/home-profiles.js';
let same = 0;
for (let i = 0; i < 36; i++) { const a = oldP(2026, i), b = newP(2026, i); if (a.name === b.name && a.phone === b.phone && (a.address === b.address || b.setting === 'institution')) same++; else console.log(i, a, b); }
console.log('same', same);
