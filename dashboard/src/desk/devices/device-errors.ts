// The gateway's refusals of device actions in the desk's words; anything else as every other action says it.

import { ApiError, errorMessage, type MessageRef } from '../../shared/api.js';

const BY_CODE: Record<string, string> = {
  COMMAND_UNSUPPORTED: 'devices.error.unsupported',
  DEVICE_RETIRED: 'devices.error.retired',
  DEVICE_ID_TAKEN: 'devices.error.idTaken',
  COMMAND_ID_TAKEN: 'devices.error.idTaken',
  DEVICE_NOT_FOUND: 'devices.error.notFound',
};

/** A refused device file: its own codes, with the gateway's detail for a file it could not read. */
export function importErrorMessage(err: unknown): MessageRef {
  if (err instanceof ApiError && err.code.startsWith('IMPORT_')) return [`devices.import.error.${err.code}`, { detail: err.message }];
  return deviceErrorMessage(err);
}

export function deviceErrorMessage(err: unknown): MessageRef {
  if (err instanceof ApiError && BY_CODE[err.code]) return [BY_CODE[err.code]!];
  return errorMessage(err);
}
