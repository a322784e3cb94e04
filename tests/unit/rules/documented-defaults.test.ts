import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../../gateway/src/config.js';
import { BASE_THRESHOLDS } from '../../../gateway/src/core/thresholds.js';

// The acceptance tester works from the documentation alone (issue 28): every default the docs quote must be the one
// the code uses. Defaults are quoted as "`name` (default 4 h" in docs/device-protocol.md, and as a table row
// "| `NAME` | 90 | ..." in the README's configuration table.

const read = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');
const protocol = read('docs/device-protocol.md');
const readme = read('README.md');

/** Every "`name` (default N" in the text, bold or not. */
const quotedDefaults = (text: string): Array<[string, number]> =>
  [...text.matchAll(/`(\w+)` \(default \**([\d.]+)/g)].map((m): [string, number] => [m[1] ?? '', Number(m[2])]);

describe('documented defaults', () => {
  const thresholds = BASE_THRESHOLDS as unknown as Record<string, unknown>;

  it('when the device protocol quotes a threshold default, then it is the code default', () => {
    const quoted = quotedDefaults(protocol).filter(([name]) => name in thresholds);
    expect(quoted.length).toBeGreaterThan(0);
    for (const [name, value] of quoted) expect({ name, value }).toEqual({ name, value: thresholds[name] });
  });

  it.each([
    'inactivityDaytimeHours',
    'bathroomStayHours',
    'doorIdleHours',
    'bedReturnMinutes',
    'wearableNotWornHours',
    'geofenceDebounceSeconds',
    'nightWanderingMinutes',
    'nightWanderingPriority',
    'fallNoMovementMinutes',
    'activityDropFraction',
    'activityDropDays',
    'activityBaselineDays',
  ])(
    'when a rule is timed by %s, then the device protocol quotes its default',
    (name) => {
      expect(quotedDefaults(protocol).map(([n]) => n)).toContain(name);
    },
  );

  it('when the device protocol quotes a setting default, then it is the configuration default', () => {
    const defaults = configSchema.parse({}) as Record<string, unknown>;
    const quoted = quotedDefaults(protocol).filter(([name]) => name in defaults);
    expect(quoted.map(([name]) => name)).toContain('OFFLINE_GRACE_SECONDS');
    for (const [name, value] of quoted) expect({ name, value }).toEqual({ name, value: defaults[name] });
  });

  it("when the README's configuration table gives a plain number as a default, then it is the configuration default", () => {
    const defaults = configSchema.parse({}) as Record<string, unknown>;
    const rows = [...readme.matchAll(/^\| `([A-Z0-9_]+)` \| (\d+(?:\.\d+)?) \|/gm)].map((m): [string, number] => [m[1] ?? '', Number(m[2])]);
    const known = rows.filter(([name]) => name in defaults);
    expect(known.map(([name]) => name)).toEqual(expect.arrayContaining(['AWAY_MAX_DAYS', 'OFFLINE_GRACE_SECONDS', 'HEARTBEAT_TIMEOUT_SECONDS']));
    for (const [name, value] of known) expect({ name, value }).toEqual({ name, value: defaults[name] });
  });
});
