import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idNumberCheckCharacter, isValidIdNumber, normaliseElderGroups } from '../../schemas/index.js';
import { ageOn, birthDateProblem, idNumberBirthDate, idNumberSex, isFuture, isVeryOld } from '../../gateway/src/core/elders/elder-dates.js';
import { localDay } from '../../gateway/src/core/local-time.js';
import { checkElderRecordFields } from '../../gateway/src/app/registry/elder-record-fields.js';

// The elder record's dates (issue 21): age and 高龄 as of a local calendar date, dates not in the future, the birth
// date and sex an ID number carries. Pure: `today` is a parameter.

const CHINA = 480;
/** An ID number with this birth date (YYYYMMDD) and 3-digit sequence, with its right check character. */
const idWith = (yyyymmdd: string, sequence: string): string => {
  const first17 = `330102${yyyymmdd}${sequence}`;
  return first17 + idNumberCheckCharacter(first17);
};

describe('localDay', () => {
  it('when it is 23:59 on 14 Mar in China (15:59 UTC), then the local date is the 14th; a minute later it is the 15th', () => {
    expect(localDay(Date.UTC(2026, 2, 14, 15, 59), CHINA)).toBe('2026-03-14');
    expect(localDay(Date.UTC(2026, 2, 14, 16, 0), CHINA)).toBe('2026-03-15');
  });
});

describe('ageOn', () => {
  it.each([
    ['the day before the 80th birthday', '2026-03-14', 79, false],
    ['the 80th birthday itself', '2026-03-15', 80, true],
    ['the day after', '2026-03-16', 80, true],
  ])('when it is %s, then the age and 高龄 follow', (_case, today, age, veryOld) => {
    expect(ageOn('1946-03-15', today)).toBe(age);
    expect(isVeryOld('1946-03-15', today)).toBe(veryOld);
  });

  it('when the birthday falls at local midnight, then the local date, not the UTC one, decides the age', () => {
    // 00:30 on 15 Mar in China is still 14 Mar in UTC
    const at = Date.UTC(2026, 2, 14, 16, 30);
    expect(ageOn('1946-03-15', localDay(at, CHINA))).toBe(80);
    expect(ageOn('1946-03-15', localDay(at, 0))).toBe(79);
  });

  it('when born on 29 February, then a common year counts the birthday on 1 March', () => {
    expect(ageOn('1944-02-29', '2026-02-28')).toBe(81);
    expect(ageOn('1944-02-29', '2026-03-01')).toBe(82);
    expect(ageOn('1944-02-29', '2028-02-29')).toBe(84);
  });
});

describe('dates not in the future', () => {
  it('when a date is after today, then it is future and a birth date on it is refused; today itself is fine', () => {
    expect(isFuture('2026-12-08', '2026-12-07')).toBe(true);
    expect(isFuture('2026-12-07', '2026-12-07')).toBe(false);
    expect(birthDateProblem('2026-12-08', '2026-12-07')).toMatch(/after today/);
    expect(birthDateProblem('2026-12-07', '2026-12-07')).toBeNull();
  });

  it('when a birth date is more than 130 years back, then it is refused; 130 years exactly is not', () => {
    expect(birthDateProblem('1896-12-07', '2026-12-07')).toBeNull();
    expect(birthDateProblem('1896-12-06', '2026-12-07')).toMatch(/130 years/);
  });
});

describe('what an ID number carries', () => {
  it('when the ID number is 11010519491231002X, then the birth date is 1949-12-31 and the 17th digit (2) says female', () => {
    expect(idNumberBirthDate('11010519491231002X')).toBe('1949-12-31');
    expect(idNumberSex('11010519491231002X')).toBe('female');
    expect(idNumberSex('330102194503121238')).toBe('male');
  });

  it('when any valid ID number is made from a date and a sequence, then the date and the parity of the sequence come back', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(2026, 11, 31)), noInvalidDate: true }),
        fc.integer({ min: 0, max: 999 }),
        (date, n) => {
          const iso = date.toISOString().slice(0, 10);
          const id = idWith(iso.replaceAll('-', ''), String(n).padStart(3, '0'));
          expect(isValidIdNumber(id)).toBe(true);
          expect(idNumberBirthDate(id)).toBe(iso);
          expect(idNumberSex(id)).toBe(n % 2 === 1 ? 'male' : 'female');
        },
      ),
    );
  });
});

describe('checkElderRecordFields', () => {
  const today = '2026-12-07';

  it('when a birth date and sex are not given with an ID number, then both are taken from it', () => {
    expect(checkElderRecordFields({ idNumber: '330102194503121238' }, null, today)).toEqual({ birthDate: '1945-03-12', sex: 'male' });
  });

  it('when the birth date given differs from the ID number, then ELDER_BIRTH_DATE_MISMATCH; the same date passes', () => {
    expect(() => checkElderRecordFields({ idNumber: '330102194503121238', birthDate: '1945-03-13' }, null, today)).toThrow(
      expect.objectContaining({ code: 'ELDER_BIRTH_DATE_MISMATCH' }),
    );
    expect(checkElderRecordFields({ idNumber: '330102194503121238', birthDate: '1945-03-12', sex: 'female' }, null, today)).toEqual({ birthDate: '1945-03-12', sex: 'female' });
  });

  it('when an assessment, consent or birth date is in the future, then ELDER_DATE_INVALID', () => {
    const refused = [
      { birthDate: '2026-12-08' },
      { assessment: { level: 'mild' as const, assessedOn: '2026-12-08', assessor: '张医生' } },
      { consent: { givenOn: '2027-01-01', givenBy: '李明', relation: 'family' as const } },
    ];
    for (const input of refused) expect(() => checkElderRecordFields(input, null, today)).toThrow(expect.objectContaining({ code: 'ELDER_DATE_INVALID' }));
  });

  it('when two contacts are guardians, then ELDER_GUARDIAN_DUPLICATE; one is fine', () => {
    const contact = (name: string, guardian: boolean) => ({ name, relation: '子女', phone: '13900000001', notify: false, guardian });
    expect(() => checkElderRecordFields({ contacts: [contact('甲', true), contact('乙', true)] }, null, today)).toThrow(expect.objectContaining({ code: 'ELDER_GUARDIAN_DUPLICATE' }));
    expect(checkElderRecordFields({ contacts: [contact('甲', true), contact('乙', false)] }, null, today)).toEqual({});
  });

  it('when groups repeat or come out of order, then each is kept once in catalogue order', () => {
    expect(normaliseElderGroups(['minimum_living', 'living_alone', 'minimum_living', 'empty_nest'])).toEqual(['living_alone', 'empty_nest', 'minimum_living']);
  });
});
