import type { ApiClient } from './api-client.js';

// Many homes of one elder and one call button each, registered over the REST API a few at a time (one at a time
// would spend a good part of a chaos test's time budget on setup).

export interface RegisteredHome {
  elderId: string;
  deviceId: string;
  secret: string;
}

const AT_ONCE = 8;

export async function registerButtonHomes(api: ApiClient, count: number, label: string): Promise<RegisteredHome[]> {
  const homes: RegisteredHome[] = new Array(count);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < count; i = next++) {
      const elder = await api.createElder({ name: `${label}${i}`, address: `城关镇幸福社区${i}号` });
      const device = await api.createDevice({ elderId: elder.id, kind: 'call_button' });
      homes[i] = { elderId: elder.id, deviceId: device.id, secret: device.secret };
    }
  };
  await Promise.all(Array.from({ length: AT_ONCE }, worker));
  return homes;
}
