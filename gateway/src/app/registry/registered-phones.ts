import type { EmergencyContact } from '../../../../schemas/index.js';
import { normalisePhone } from '../../core/calls/phone-number.js';
import { AppError } from '../errors.js';

// The numbers a person is registered with (the elder's own, each contact's) are kept in their canonical form, the
// one the caller lookup and the calling order compare: a number that cannot be dialled ("not-a-phone!!") is refused
// at registration, not found out during an alarm.

function canonical(input: string, where: string, areaCode: string | undefined): string {
  const found = normalisePhone(input, areaCode === undefined ? {} : { areaCode });
  if (found === null) throw new AppError('PHONE_INVALID', `${where}: that cannot be a Chinese mobile or landline number (a local number needs its area code)`);
  return found;
}

/** The elder's own number: undefined is left as it is, an empty one means none. */
export function elderPhone(input: string | undefined, areaCode: string | undefined): string | null | undefined {
  if (input === undefined) return undefined;
  return input === '' ? null : canonical(input, 'phone', areaCode);
}

export function contactPhones(contacts: readonly EmergencyContact[], areaCode: string | undefined): EmergencyContact[] {
  return contacts.map((c, i) => ({ ...c, phone: canonical(c.phone, `contacts[${i}].phone`, areaCode) }));
}
