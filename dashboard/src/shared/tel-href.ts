// Phone numbers as typed into the elder's record ("139 0000 0001", "0571-8802 6789 转 2") become tel: links holding
// only the characters a dialler uses, so a strange entry can never become another kind of link.

/** "tel:13900000001" from "139 0000 0001", or null when nothing diallable is left. */
export function telHref(phone: unknown): string | null {
  if (typeof phone !== 'string') return null;
  const digits = phone.replace(/[^\d+*#]/g, '');
  return /\d/.test(digits) ? `tel:${digits}` : null;
}
