import { existsSync } from 'node:fs';

// Suites that need a real service binary (mosquitto_pub, chromium, postgres, ...) run when it is installed.
// Locally they may be skipped with a clear message; under CI=true a missing binary fails the run instead,
// because CI installs every one of them (.ci/run).

export function binaryMissing(path: string, installHint: string): boolean {
  if (existsSync(path)) return false;
  const message = `${path} is not installed (${installHint}); its suite is skipped`;
  if (process.env.CI === 'true') throw new Error(`${message.replace('; its suite is skipped', '')}: CI must run this suite`);
  console.warn(`[skip] ${message}`);
  return true;
}
