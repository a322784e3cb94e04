import { normalisePhone } from '../core/calls/phone-number.js';
import { AppError } from './errors.js';

// A person's telephone number as a form gives it (an elder's, a contact's, a user's), kept in its canonical form, the
// one the caller lookup and the calling order compare: a number that cannot be dialled ("not-a-phone!!") is refused
// with PHONE_INVALID when it is registered, not found out during an alarm. Shared by the registry and people.

/** The canonical number, or PHONE_INVALID naming the field (`where`). */
export function canonicalPhone(input: string, where: string, areaCode: string | undefined): string {
  const found = normalisePhone(input, areaCode === undefined ? {} : { areaCode });
  if (found === null) throw new AppError('PHONE_INVALID', `${where}: that cannot be a Chinese mobile or landline number (a local number needs its area code)`);
  return found;
}

/** A person's own number: undefined is left as it is (not given), an empty one means none. */
export function ownPhone(input: string | undefined, areaCode: string | undefined): string | null | undefined {
  if (input === undefined) return undefined;
  return input === '' ? null : canonicalPhone(input, 'phone', areaCode);
}
