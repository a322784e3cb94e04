import { TLSSocket } from 'node:tls';

// What the transport says about a connecting device: plain TCP, or TLS with or without a client certificate.
// aedes hands `authenticate` the client, whose `conn` is the socket the listener accepted (a TLSSocket on the TLS
// listener), so the certificate is read from there.

export type DevicePeer =
  | { transport: 'tcp' }
  | { transport: 'tls'; certificate: null }
  | {
      transport: 'tls';
      certificate: {
        /** The certificate chains to TLS_CA_FILE and is within its validity (the handshake's own check). */
        verified: boolean;
        /** Why it did not verify, e.g. UNABLE_TO_VERIFY_LEAF_SIGNATURE or CERT_HAS_EXPIRED. */
        error: string | null;
        /** The subject CN and the DNS and URI subject alternative names: the ids it may stand for. */
        names: string[];
      };
    };

/** "DNS:dev-1, URI:urn:dev-1, IP Address:10.0.0.1" → ["dev-1", "urn:dev-1"]. */
function altNames(subjectaltname: string | undefined): string[] {
  if (!subjectaltname) return [];
  return subjectaltname
    .split(', ')
    .map((entry) => /^(DNS|URI):(.*)$/.exec(entry)?.[2])
    .filter((name): name is string => name !== undefined && name !== '');
}

export function devicePeer(conn: unknown): DevicePeer {
  if (!(conn instanceof TLSSocket)) return { transport: 'tcp' };
  const cert = conn.getPeerCertificate();
  // No certificate sent (or none requested): Node returns an empty object.
  if (!cert || Object.keys(cert).length === 0) return { transport: 'tls', certificate: null };
  const cn = cert.subject?.CN as string | string[] | undefined;
  const names = [...(Array.isArray(cn) ? cn : cn ? [cn] : []), ...altNames(cert.subjectaltname)];
  // Typed as an Error, but Node sets the OpenSSL code as a string (e.g. 'CERT_HAS_EXPIRED').
  const error = conn.authorizationError as Error | string | null | undefined;
  return { transport: 'tls', certificate: { verified: conn.authorized, error: error ? String(error) : null, names } };
}
