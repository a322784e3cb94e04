import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GATEWAY_NODE_FLAGS } from '../../gateway/src/node-flags.js';

// The gateway's V8 flags are written out in package.json and the Dockerfile, which cannot import them.

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');

describe('gateway node flags', () => {
  const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;

  it.each(['start', 'demo'])('when the gateway starts with npm run %s, then it runs with every gateway flag', (name) => {
    expect(GATEWAY_NODE_FLAGS.length).toBeGreaterThan(0);
    expect(scripts[name]).toContain(`node ${GATEWAY_NODE_FLAGS.join(' ')} --import tsx `);
  });

  it('when the gateway starts from the Docker image, then its CMD carries every gateway flag', () => {
    const cmd = read('Dockerfile')
      .split('\n')
      .find((line) => line.startsWith('CMD '));
    expect(cmd).toBeDefined();
    const args = JSON.parse(cmd!.slice(4)) as string[];
    expect(args.slice(0, 1 + GATEWAY_NODE_FLAGS.length)).toEqual(['node', ...GATEWAY_NODE_FLAGS]);
  });
});
