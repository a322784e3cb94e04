import type { DeviceKind } from '../../../schemas/index.js';

// What the rules may expect of each device kind, beyond what its schema allows it to send.

/**
 * Telecare devices that prove the whole path (device, link, gateway) works by sending a periodic test signal.
 * Only for these does a missing test signal mean something; other kinds may send one but are not expected to.
 */
export const SENDS_TEST_SIGNAL: ReadonlySet<DeviceKind> = new Set<DeviceKind>(['call_button', 'smoke_detector', 'gas_detector']);
