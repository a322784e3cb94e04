// Chinese telephone numbers as the desk meets them: typed by an operator, given by a PBX, written on a paper form.
// One canonical string per number, the national digits, so that `+86 138-1234-5678`, `0086 13812345678` and
// `138 1234 5678` are the same key in every index and every comparison:
//   - a mobile: 11 digits, `1[3-9]` then 9 digits;
//   - a landline: `0` + area code + a 7–8 digit subscriber number. Area codes 10 and 20–29 have two digits
//     (Beijing, Guangzhou, Shanghai, ...), every other one three (0571 Hangzhou, 0755 Shenzhen, ...); a subscriber
//     number never begins with 0 or 1 (those are the trunk and service prefixes).
// Short service numbers (110, 12345, 12349, 95xxx) are not numbers a person can be found by: they are refused.

export type PhoneKind = 'mobile' | 'landline';

const MOBILE = /^1[3-9]\d{9}$/;
/** A mobile dialled with the trunk 0 (some PBXs add it to every outside number). */
const MOBILE_WITH_TRUNK = /^01[3-9]\d{9}$/;
const LANDLINE_TWO_DIGIT_AREA = /^0(?:10|2\d)[2-9]\d{6,7}$/;
const LANDLINE_THREE_DIGIT_AREA = /^0[3-9]\d{2}[2-9]\d{6,7}$/;
const LOCAL_NUMBER = /^[2-9]\d{6,7}$/;
const AREA_CODE = /^0?(?:10|2\d|[3-9]\d{2})$/;

/** Full-width forms an input method produces (０-９, ＋, （）, －, the ideographic space) and the dashes of a word processor. */
const FULL_WIDTH = /[\uFF10-\uFF19\uFF0B\uFF08\uFF09\uFF0D\u3000\u2010-\u2015\u2212]/g;
function toAscii(input: string): string {
  return input.replace(FULL_WIDTH, (ch) => {
    const code = ch.charCodeAt(0);
    if (code >= 0xff10 && code <= 0xff19) return String(code - 0xff10);
    if (ch === '\uFF0B') return '+';
    if (ch === '\uFF08') return '(';
    if (ch === '\uFF09') return ')';
    if (ch === '\u3000') return ' ';
    return '-';
  });
}

/** Only digits, one leading '+', and the separators people write: spaces, dashes, dots, parentheses. */
const PHONE_CHARACTERS = /^\+?[\d\s\-.()]+$/;

/**
 * What follows the country code 86: a mobile as is; a landline without its trunk 0 (`+86 10 8888 6666`), or with it
 * written in as `+86 (0)571 ...`.
 */
function afterCountryCode(rest: string): string {
  if (MOBILE.test(rest) || rest.startsWith('0')) return rest;
  return `0${rest}`;
}

function classify(national: string): string | null {
  if (MOBILE.test(national)) return national;
  if (MOBILE_WITH_TRUNK.test(national)) return national.slice(1);
  if (LANDLINE_TWO_DIGIT_AREA.test(national) || LANDLINE_THREE_DIGIT_AREA.test(national)) return national;
  return null;
}

/** The area code with its leading 0 (`571` → `0571`), or null when it cannot be one. */
export function normaliseAreaCode(areaCode: string): string | null {
  const digits = areaCode.replace(/[\s\-()]/g, '');
  if (!AREA_CODE.test(digits)) return null;
  return digits.startsWith('0') ? digits : `0${digits}`;
}

/**
 * The canonical national digits of a Chinese mobile or landline number, or null when the input cannot be one.
 * A bare 7–8 digit local number is completed with `options.areaCode` (the county's own, e.g. '0571'); without
 * one it is refused, since the same local number exists in every city.
 */
export function normalisePhone(input: string, options: { areaCode?: string } = {}): string | null {
  const text = toAscii(input).trim();
  if (text.length === 0 || text.length > 40 || !PHONE_CHARACTERS.test(text)) return null;
  const digits = text.replace(/\D/g, '');
  let national: string;
  if (text.startsWith('+')) {
    // Only China's country code: a foreign number cannot be an elder's or a contact's line the desk dials.
    if (!digits.startsWith('86')) return null;
    national = afterCountryCode(digits.slice(2));
  } else if (digits.startsWith('0086')) {
    national = afterCountryCode(digits.slice(4));
  } else if (digits.startsWith('86') && digits.length >= 11) {
    // A bare 86 is the country code only when what follows is long enough to be a number (a local number may start with 86).
    national = afterCountryCode(digits.slice(2));
  } else {
    national = digits;
  }
  const found = classify(national);
  if (found !== null) return found;
  if (LOCAL_NUMBER.test(national) && options.areaCode !== undefined) {
    const area = normaliseAreaCode(options.areaCode);
    return area === null ? null : classify(area + national);
  }
  return null;
}

/** Whether a canonical number is a mobile or a landline (null when it is not canonical). */
export function phoneKind(canonical: string): PhoneKind | null {
  if (MOBILE.test(canonical)) return 'mobile';
  if (LANDLINE_TWO_DIGIT_AREA.test(canonical) || LANDLINE_THREE_DIGIT_AREA.test(canonical)) return 'landline';
  return null;
}

/**
 * The digits of a search query that looks like part of a number (at least 4 digits, nothing but digits, separators
 * and a country prefix), to be matched inside canonical numbers; null when the query is not a number fragment.
 */
export function phoneDigitsFragment(q: string): string | null {
  const text = toAscii(q).trim();
  if (!PHONE_CHARACTERS.test(text)) return null;
  let digits = text.replace(/\D/g, '');
  if (text.startsWith('+') && digits.startsWith('86')) digits = digits.slice(2);
  else if (digits.startsWith('0086')) digits = digits.slice(4);
  return digits.length >= 4 ? digits : null;
}

/** For display: `138 1234 5678`, `010-8888 6666`, `0571-888 6666`. A string that is not canonical is shown as given. */
export function formatPhone(canonical: string): string {
  const kind = phoneKind(canonical);
  if (kind === 'mobile') return `${canonical.slice(0, 3)} ${canonical.slice(3, 7)} ${canonical.slice(7)}`;
  if (kind === 'landline') {
    const areaLength = /^0(?:10|2\d)/.test(canonical) ? 3 : 4;
    const area = canonical.slice(0, areaLength);
    const subscriber = canonical.slice(areaLength);
    const split = subscriber.length - 4;
    return `${area}-${subscriber.slice(0, split)} ${subscriber.slice(split)}`;
  }
  return canonical;
}
