import { onTestFinished } from 'vitest';
import { CallButton } from '../../device-sim/src/call-button.js';
import type { TestGateway } from './test-gateway.js';

// Registers an elder with a call button through the real API and returns its credentials.

let homeNumber = 0;

export async function registerHome(gw: TestGateway) {
  homeNumber += 1;
  const elder = await gw.api.createElder({ name: `测试老人${homeNumber}`, address: `城关镇幸福社区${homeNumber}号` });
  const device = await gw.api.createDevice({ elderId: elder.id, kind: 'call_button' });
  return { elder, deviceId: device.id, secret: device.secret };
}

/** A connected simulated button, closed when the test ends. */
export async function connectedButton(gw: TestGateway, home: { deviceId: string; secret: string }): Promise<CallButton> {
  const button = new CallButton({ url: gw.mqttUrl, deviceId: home.deviceId, secret: home.secret });
  await button.connect();
  onTestFinished(() => button.close());
  return button;
}
