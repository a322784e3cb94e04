import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

// A development CA made by scripts/make-dev-certs.sh (real openssl), and an HTTPS fetch that trusts it: Node 20's
// fetch takes no CA option and reads NODE_EXTRA_CA_CERTS only at process start, before a test has made its CA.

const run = promisify(execFile);
const SCRIPT = fileURLToPath(new URL('../../scripts/make-dev-certs.sh', import.meta.url));

export interface DevCerts {
  dir: string;
  caFile: string;
  certFile: string;
  keyFile: string;
  ca: Buffer;
  /** A device's client certificate and key, PEM file paths and contents. */
  device(id: string): { certFile: string; keyFile: string; cert: Buffer; key: Buffer };
}

export async function makeDevCerts(dir: string, deviceIds: string[] = []): Promise<DevCerts> {
  await run('bash', [SCRIPT, '--dir', dir, ...deviceIds]);
  return {
    dir,
    caFile: join(dir, 'ca.pem'),
    certFile: join(dir, 'server.pem'),
    keyFile: join(dir, 'server.key'),
    ca: readFileSync(join(dir, 'ca.pem')),
    device(id) {
      const certFile = join(dir, 'devices', `${id}.pem`);
      const keyFile = join(dir, 'devices', `${id}.key`);
      return { certFile, keyFile, cert: readFileSync(certFile), key: readFileSync(keyFile) };
    },
  };
}

/** fetch over node:https trusting only `ca`; enough of fetch for the tests' API client (string bodies). */
export function fetchTrusting(ca: Buffer): typeof fetch {
  return (async (input: string | URL | Request, init: RequestInit = {}) => {
    const url = new URL(input instanceof Request ? input.url : input);
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, name) => (headers[name] = value));
    return new Promise<Response>((resolve, reject) => {
      const req = request(url, { method: init.method ?? 'GET', headers, ca }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          const body = status === 204 || status === 304 ? null : Buffer.concat(chunks);
          const replyHeaders = new Headers();
          for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) replyHeaders.set(k, Array.isArray(v) ? v.join(', ') : v);
          resolve(new Response(body, { status, headers: replyHeaders }));
        });
      });
      req.on('error', reject);
      req.end(typeof init.body === 'string' ? init.body : undefined);
    });
  }) as typeof fetch;
}
