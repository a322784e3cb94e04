import { chromium, type Browser } from 'playwright-core';
import { binaryMissing } from './system-binaries.js';

// Debian's Chromium driven by playwright-core; no browser is ever downloaded.

export const CHROMIUM_PATH = '/usr/bin/chromium';

const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** For `describe.skipIf(chromiumMissing())`: skips locally with a hint, fails under CI=true (see system-binaries.ts). */
export const chromiumMissing = (): boolean => binaryMissing(CHROMIUM_PATH, 'apt-get install -y chromium');

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: LAUNCH_ARGS });
}
