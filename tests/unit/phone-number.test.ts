import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatPhone, normalisePhone, phoneDigitsFragment, phoneKind } from '../../gateway/src/core/calls/phone-number.js';

// Every way a Chinese number is written reduces to one canonical string; what cannot be a number is refused.

const digit = fc.integer({ min: 0, max: 9 }).map(String);
const digits = (n: number) => fc.array(digit, { minLength: n, maxLength: n }).map((d) => d.join(''));

const mobile = fc.tuple(fc.integer({ min: 3, max: 9 }), digits(9)).map(([second, rest]) => `1${second}${rest}`);
const twoDigitArea = fc.constantFrom('10', '20', '21', '22', '23', '24', '25', '27', '28', '29');
const threeDigitArea = fc.tuple(fc.integer({ min: 3, max: 9 }), digits(2)).map(([first, rest]) => `${first}${rest}`);
const subscriber = fc
  .tuple(fc.integer({ min: 2, max: 9 }), fc.integer({ min: 6, max: 7 }).chain((n) => digits(n)))
  .map(([first, rest]) => `${first}${rest}`);
const landline = fc
  .tuple(fc.oneof(twoDigitArea, threeDigitArea), subscriber)
  .map(([area, sub]) => ({ area, sub, canonical: `0${area}${sub}` }));

/** Splits digits into groups joined by a separator, as people write them. */
function grouped(text: string, separator: string, sizes: number[]): string {
  const parts: string[] = [];
  let at = 0;
  for (const size of sizes) {
    if (at >= text.length) break;
    parts.push(text.slice(at, at + size));
    at += size;
  }
  if (at < text.length) parts.push(text.slice(at));
  return parts.join(separator);
}

const separator = fc.constantFrom('', ' ', '-', '.', ' - ', '\u3000', '－');
const groups = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 5 });

/** A mobile in one of the ways it reaches the desk. */
const writtenMobile = fc
  .tuple(mobile, fc.constantFrom('', '+86', '+86 ', '0086', '0086 ', '86', '0', '＋86 '), separator, groups)
  .map(([canonical, prefix, sep, sizes]) => ({ canonical, written: `${prefix}${grouped(canonical, sep, sizes)}` }));

/** A landline in one of the ways it reaches the desk. */
const writtenLandline = fc
  .tuple(landline, separator, fc.integer({ min: 0, max: 5 }))
  .map(([{ area, sub, canonical }, sep, style]) => {
    const forms = [
      `0${area}${sep}${sub}`,
      `(0${area}) ${grouped(sub, sep, [4])}`,
      `+86 ${area} ${grouped(sub, sep, [4])}`,
      `0086-${area}-${sub}`,
      `+86 (0)${area}-${sub}`,
      `86${area}${sub}`,
    ];
    return { canonical, written: forms[style]! };
  });

describe('normalisePhone', () => {
  it('when a mobile is written with any prefix and separators, then it maps to its 11 digits', () => {
    fc.assert(
      fc.property(writtenMobile, ({ canonical, written }) => {
        expect(normalisePhone(written)).toBe(canonical);
      }),
    );
  });

  it('when a landline is written with any prefix, parentheses and separators, then it maps to 0 + area code + number', () => {
    fc.assert(
      fc.property(writtenLandline, ({ canonical, written }) => {
        expect(normalisePhone(written)).toBe(canonical);
      }),
    );
  });

  it('when a canonical number is normalised again, then it is unchanged', () => {
    fc.assert(
      fc.property(fc.oneof(writtenMobile, writtenLandline), fc.constantFrom(undefined, '0571'), ({ written }, areaCode) => {
        const once = normalisePhone(written, areaCode === undefined ? {} : { areaCode });
        expect(once).not.toBeNull();
        expect(normalisePhone(once!)).toBe(once);
        expect(normalisePhone(formatPhone(once!))).toBe(once);
      }),
    );
  });

  it('when the examples of the brief are given, then they reduce to the same strings', () => {
    expect(normalisePhone('+86 10 8888 6666')).toBe('01088886666');
    expect(normalisePhone('(010) 8888-6666')).toBe('01088886666');
    expect(normalisePhone('010.8888.6666')).toBe('01088886666');
    expect(normalisePhone('0571-8888 6666')).toBe('057188886666');
    expect(normalisePhone('+86 138-1234-5678')).toBe('13812345678');
    expect(normalisePhone('0086 138 1234 5678')).toBe('13812345678');
    expect(normalisePhone('８６１３８１２３４５６７８')).toBe('13812345678');
  });

  it('when a bare local number is given with an area code, then it is completed; without one, it is refused', () => {
    fc.assert(
      fc.property(subscriber, threeDigitArea, (sub, area) => {
        expect(normalisePhone(sub, { areaCode: `0${area}` })).toBe(`0${area}${sub}`);
        expect(normalisePhone(sub, { areaCode: area })).toBe(`0${area}${sub}`);
        expect(normalisePhone(sub)).toBeNull();
      }),
    );
    expect(normalisePhone('8888 6666', { areaCode: '010' })).toBe('01088886666');
    expect(normalisePhone('8888 6666', { areaCode: 'abc' })).toBeNull();
  });

  it('when the input has letters, a foreign country code, service numbers or the wrong length, then it is null', () => {
    const refused = [
      '',
      '   ',
      '12349',
      '12345',
      '110',
      '95588',
      '138-1234-567',
      '138123456789',
      '12812345678',
      '+1 415 555 0100',
      '+44 20 7946 0958',
      '0571-0888 6666',
      '010-1888 6666',
      '0571-888 66',
      '0571-8888 66666',
      '138 1234 567x',
      'tel:13812345678',
      '13812345678 转 8001',
      '1381234+5678',
    ];
    for (const input of refused) expect(normalisePhone(input), input).toBeNull();
  });

  it('when arbitrary text with a letter in it is given, then it is null', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom('a', 'X', '号', '#', '*'), fc.string(), (before, letter, after) => {
        expect(normalisePhone(`${before}${letter}${after}`)).toBeNull();
      }),
    );
  });

  it('when anything at all is normalised, then the answer is null or a canonical mobile or landline', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('0', '1', '2', '5', '8', '6', ' ', '-', '+', '(', ')') }), (input) => {
        const out = normalisePhone(input);
        if (out !== null) expect(phoneKind(out)).not.toBeNull();
      }),
    );
  });
});

describe('phoneDigitsFragment', () => {
  it('when a query is a run of at least 4 digits with separators or a country prefix, then its digits are returned', () => {
    expect(phoneDigitsFragment('5678')).toBe('5678');
    expect(phoneDigitsFragment('1234-5678')).toBe('12345678');
    expect(phoneDigitsFragment('+86 138 12')).toBe('13812');
    expect(phoneDigitsFragment('0086 1381')).toBe('1381');
    expect(phoneDigitsFragment('(010) 8888')).toBe('0108888');
  });

  it('when a query has fewer than 4 digits or anything but digits and separators, then it is null', () => {
    expect(phoneDigitsFragment('567')).toBeNull();
    expect(phoneDigitsFragment('+86 13')).toBeNull();
    expect(phoneDigitsFragment('王秀英')).toBeNull();
    expect(phoneDigitsFragment('123X')).toBeNull();
    expect(phoneDigitsFragment('3号楼 1201')).toBeNull();
  });
});

describe('formatPhone', () => {
  it('when a canonical number is formatted, then mobiles group 3-4-4 and landlines show the area code apart', () => {
    expect(formatPhone('13812345678')).toBe('138 1234 5678');
    expect(formatPhone('01088886666')).toBe('010-8888 6666');
    expect(formatPhone('057188886666')).toBe('0571-8888 6666');
    expect(formatPhone('05718886666')).toBe('0571-888 6666');
    expect(formatPhone('hello')).toBe('hello');
  });
});
