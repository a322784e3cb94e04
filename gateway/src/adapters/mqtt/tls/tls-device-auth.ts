import type { DeviceAuthMode } from './tls-files.js';
import type { DevicePeer } from './tls-peer.js';

// What a device's transport lets it prove at CONNECT (docs/tls.md, MQTT_DEVICE_AUTH):
//   plain TCP, or mode 'secret':  the secret decides; a client certificate is ignored.
//   'either':       a verified certificate naming the device is enough; without one, the secret decides.
//   'certificate':  on TLS only a verified certificate naming the device is accepted.
// A verified certificate that names another device is refused in both modes, whatever the secret says.

/** CONNACK return code 5: not authorised [MQTT-3.2.2-3]. */
export const NOT_AUTHORISED = 5;

export interface Refusal {
  returnCode: number;
  /** The label of gateway_mqtt_connections_refused_total. */
  reason: string;
  message: string;
}

export type CertificateVerdict =
  /** A verified certificate names the device: accept it if it is registered, without a password. */
  | { kind: 'certificate' }
  /** The secret decides; `otherwise` is the refusal to give instead of the usual one when it does not match. */
  | { kind: 'secret'; otherwise?: Refusal }
  | { kind: 'refuse'; refusal: Refusal };

const refuse = (reason: string, message: string): CertificateVerdict => ({ kind: 'refuse', refusal: { returnCode: NOT_AUTHORISED, reason, message } });

export function certificateVerdict(peer: DevicePeer, mode: DeviceAuthMode, deviceId: string): CertificateVerdict {
  if (peer.transport === 'tcp' || mode === 'secret') return { kind: 'secret' };
  const cert = peer.certificate;
  if (!cert) {
    return mode === 'certificate' ? refuse('certificate_required', 'a client certificate is required on this listener') : { kind: 'secret' };
  }
  if (!cert.verified) {
    const untrusted: Refusal = {
      returnCode: NOT_AUTHORISED,
      reason: 'certificate_untrusted',
      message: `client certificate not trusted (${cert.error ?? 'unverified'})`,
    };
    return mode === 'certificate' ? { kind: 'refuse', refusal: untrusted } : { kind: 'secret', otherwise: untrusted };
  }
  if (!cert.names.includes(deviceId)) return refuse('certificate_mismatch', 'client certificate is for another device');
  return { kind: 'certificate' };
}
