import type { EmergencyContact } from '../../../../schemas/index.js';
import { canonicalPhone, ownPhone } from '../phone-input.js';

// The numbers an elder is registered with (their own, each contact's) are kept in their canonical form
// (../phone-input.ts): a number that cannot be dialled is refused at registration, not found out during an alarm.

/** The elder's own number: undefined is left as it is, an empty one means none. */
export const elderPhone = ownPhone;

export function contactPhones(contacts: readonly EmergencyContact[], areaCode: string | undefined): EmergencyContact[] {
  return contacts.map((c, i) => ({ ...c, phone: canonicalPhone(c.phone, `contacts[${i}].phone`, areaCode) }));
}
