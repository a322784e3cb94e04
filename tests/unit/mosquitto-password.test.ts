import { execFileSync } from 'node:child_process';
import { pbkdf2Sync, timingSafeEqual } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mosquittoPasswordHash } from '../../gateway/src/app/secrets.js';
import { binaryMissing } from '../support/system-binaries.js';

// Mosquitto 2.0's password hash, `$7$<iterations>$<salt>$<key>`: PBKDF2-HMAC-SHA512 over the password with the
// base64-decoded salt, the key in base64. `verify` is what Mosquitto does with a line of its password file; that a
// real Mosquitto accepts our hashes is shown in tests/integration/mosquitto-config.test.ts.

const MOSQUITTO_PASSWD = '/usr/bin/mosquitto_passwd';

function verify(password: string, hash: string): boolean {
  const match = /^\$7\$(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/.exec(hash);
  if (!match) return false;
  const [, iterations, salt, key] = match as unknown as [string, string, string, string];
  const expected = Buffer.from(key, 'base64');
  const actual = pbkdf2Sync(password, Buffer.from(salt, 'base64'), Number(iterations), expected.length, 'sha512');
  return timingSafeEqual(actual, expected);
}

/** The hash `mosquitto_passwd -b` writes for the password. */
function mosquittoPasswd(password: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'mosquitto-passwd-'));
  try {
    const file = join(dir, 'passwords');
    writeFileSync(file, '');
    execFileSync(MOSQUITTO_PASSWD, ['-b', file, 'device-1', password]);
    const line = readFileSync(file, 'utf8').trim();
    expect(line.startsWith('device-1:')).toBe(true);
    return line.slice('device-1:'.length);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.skipIf(binaryMissing(MOSQUITTO_PASSWD, 'apt-get install mosquitto'))('the real mosquitto_passwd (2.0.11)', () => {
  it('when mosquitto_passwd hashes a secret, then it is $7$, 101 iterations, a 12-byte salt and a 64-byte key, and verify accepts it', () => {
    const secret = 'kE3u9-x_Qm2vLr7TnB8wYc4pZs6aHd1fGj5oUi0eWtA';
    const hash = mosquittoPasswd(secret);

    const [, scheme, iterations, salt, key] = hash.split('$');
    expect(scheme).toBe('7');
    expect(iterations).toBe('101');
    expect(Buffer.from(salt!, 'base64')).toHaveLength(12);
    expect(Buffer.from(key!, 'base64')).toHaveLength(64);
    expect(verify(secret, hash)).toBe(true);
    expect(verify(`${secret}x`, hash)).toBe(false);
  });

  it('when we hash a secret, then the hash has exactly the shape mosquitto_passwd gives', () => {
    const shape = (hash: string) => {
      const [, scheme, iterations, salt, key] = hash.split('$');
      return { scheme, iterations, saltChars: salt!.length, saltBytes: Buffer.from(salt!, 'base64').length, keyChars: key!.length };
    };
    expect(shape(mosquittoPasswordHash('a secret'))).toEqual(shape(mosquittoPasswd('a secret')));
  });
});

describe('mosquittoPasswordHash', () => {
  it('when a secret is hashed, then verify accepts that secret and nothing else', () => {
    const hash = mosquittoPasswordHash('the-device-secret');
    expect(verify('the-device-secret', hash)).toBe(true);
    expect(verify('the-device-secreT', hash)).toBe(false);
    expect(verify('', hash)).toBe(false);
  });

  it('when the same secret is hashed twice, then the salts differ', () => {
    const a = mosquittoPasswordHash('same');
    const b = mosquittoPasswordHash('same');
    expect(a.split('$')[3]).not.toBe(b.split('$')[3]);
    expect(a).not.toBe(b);
  });

  it('when a hash is made, then its salt is 12 printable ASCII bytes (so EMQX can take it as a string)', () => {
    const salt = Buffer.from(mosquittoPasswordHash('x').split('$')[3]!, 'base64');
    expect(salt).toHaveLength(12);
    expect(salt.toString('ascii')).toMatch(/^[A-Za-z0-9_-]{12}$/);
  });

  it('when a hash is made, then it costs well under a millisecond on average', () => {
    const started = performance.now();
    for (let i = 0; i < 200; i++) mosquittoPasswordHash(`secret-${i}`);
    expect((performance.now() - started) / 200).toBeLessThan(1);
  });
});
