import { createHash, pbkdf2Sync, randomBytes, scrypt, timingSafeEqual, type BinaryLike, type ScryptOptions } from 'node:crypto';

// Secrets and their hashes.
// Device secrets are 32 random bytes made by the gateway, so a fast SHA-256 is enough to store them: there is
// nothing to brute-force, and 20,000 devices reconnecting after an outage must not each cost a slow KDF.
// People choose their passwords, so those get scrypt with a salt.

export const newDeviceSecret = (): string => randomBytes(32).toString('base64url');
export const newSessionToken = (): string => randomBytes(32).toString('base64url');

export const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

export function sameHash(aHex: string, bHex: string): boolean {
  const a = Buffer.from(aHex, 'hex');
  const b = Buffer.from(bHex, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

const SCRYPT = { N: 16384, r: 8, p: 1, keyLength: 32 } as const;

function scryptAsync(password: BinaryLike, salt: BinaryLike, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, keyLength, options, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, SCRYPT.keyLength, SCRYPT);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await scryptAsync(password, Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return timingSafeEqual(actual, expected);
}

/** A first-start admin password: readable, 16 characters, about 95 bits. */
export const randomPassword = (): string => randomBytes(12).toString('base64url');

const MOSQUITTO_PBKDF2 = { iterations: 101, keyBytes: 64 } as const;

/**
 * Mosquitto 2.0's password-file hash (`$7$`, what `mosquitto_passwd` writes by default), for an external broker
 * (docs/external-broker.md): `$7$101$<salt>$<key>`, PBKDF2-HMAC-SHA512 with 101 iterations, a 12-byte salt and a
 * 64-byte key, both in standard base64 with padding. Checked against mosquitto_passwd 2.0.11
 * (tests/unit/mosquitto-password.test.ts) and a real Mosquitto (tests/integration/mosquitto-config.test.ts).
 *
 * 101 iterations is Mosquitto's own choice and enough here: a device secret is 32 random bytes, so there is nothing to
 * guess, and the broker runs the KDF at every connect of 20,000 devices. The salt's 12 bytes are ASCII characters
 * (72 random bits), so the same salt and key also fit EMQX's built-in database, which takes the salt as a string.
 */
export function mosquittoPasswordHash(secret: string): string {
  const salt = Buffer.from(randomBytes(9).toString('base64url'), 'ascii');
  const key = pbkdf2Sync(secret, salt, MOSQUITTO_PBKDF2.iterations, MOSQUITTO_PBKDF2.keyBytes, 'sha512');
  return ['', '7', MOSQUITTO_PBKDF2.iterations, salt.toString('base64'), key.toString('base64')].join('$');
}
