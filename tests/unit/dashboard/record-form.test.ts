import { describe, expect, it } from 'vitest';
import { idNumberCheckCharacter, type Elder } from '../../../schemas/index.js';
import { bodyOf, emptyForm, formOf, fromIdNumber, pastedPoint } from '../../../dashboard/src/desk/registry/record/record-form.js';
import { placeError } from '../../../dashboard/src/desk/registry/record/field-errors.js';
import { ApiError } from '../../../dashboard/src/shared/api.js';

// The record edit form's rules (issue 21), without a page: coordinates pasted whole, the birth date and sex an ID
// number gives, which fields a PATCH removes (null) or leaves out, and where a server refusal is shown.

const elder: Elder = {
  id: 'e1', name: '陈秀英', address: '幸福社区2栋', phone: null, idNumberMasked: '**************0021', location: { lat: 30.1, lng: 120.2 },
  regionId: 'c1', contacts: [{ name: '陈建军', relation: '儿子', phone: '13900000032', notify: true, guardian: true }], medicalNotes: '', accessNotes: '',
  assignedResponderIds: [], riskCategory: 'general', thresholdOverrides: {}, thresholds: {} as Elder['thresholds'], away: null, groups: ['living_alone'],
  birthDate: '1941-03-15', age: 85, veryOld: true, sex: 'female', assessment: null, consent: { givenOn: '2026-11-21', givenBy: '陈建军', relation: 'guardian' },
  createdAt: '2026-01-01T00:00:00.000Z',
};

describe('record form', () => {
  it('when "lat,lng" is pasted whole, then both come apart; anything else is no pair', () => {
    expect(pastedPoint('30.27415,120.15515')).toEqual({ lat: '30.27415', lng: '120.15515' });
    expect(pastedPoint(' 30.27 ， 120.15 ')).toEqual({ lat: '30.27', lng: '120.15' });
    expect(pastedPoint('30.27')).toBeNull();
  });

  it('when a valid ID number is typed, then its birth date and sex are shown; a wrong check character gives none', () => {
    const first17 = '33010219410315002';
    expect(fromIdNumber(first17 + idNumberCheckCharacter(first17))).toEqual({ birthDate: '1941-03-15', sex: 'female' });
    expect(fromIdNumber(`${first17}${idNumberCheckCharacter(first17) === '1' ? '2' : '1'}`)).toBeNull();
  });

  it('when an edited record empties the location and consent, then the PATCH removes them with null and leaves out what was never there', () => {
    const form = { ...formOf(elder), lat: '', lng: '', consentGivenOn: '', consentGivenBy: '', consentRelation: '' };
    const { body, problems } = bodyOf(form, elder);
    expect(problems).toEqual({});
    expect(body).toMatchObject({ location: null, consent: null, birthDate: '1941-03-15', sex: 'female', contacts: [expect.objectContaining({ guardian: true })] });
    expect(body).not.toHaveProperty('assessment');
    expect(body).not.toHaveProperty('idNumber');
    expect(body).not.toHaveProperty('regionId');
  });

  it('when a new record leaves birth date and sex empty, then they are left out (the ID number gives them); half an assessment is refused', () => {
    const { body } = bodyOf({ ...emptyForm('c1'), name: '王', address: '1号', idNumber: 'x' }, null);
    expect(body).not.toHaveProperty('birthDate');
    expect(body).not.toHaveProperty('sex');
    expect(bodyOf({ ...emptyForm('c1'), name: '王', address: '1号', assessmentLevel: 'mild' }, null).problems).toEqual({ assessment: 'record.incomplete' });
  });

  it('when the server refuses, then the refusal is placed at its field', () => {
    expect(placeError(new ApiError(400, 'REQUEST_INVALID', '/idNumber an 18-character resident ID number'))).toEqual({ field: 'idNumber', message: ['record.error.idNumber'] });
    expect(placeError(new ApiError(400, 'REQUEST_INVALID', '/contacts/1/phone Too small'))).toEqual({ field: 'contacts', message: ['record.error.phoneInvalid'] });
    expect(placeError(new ApiError(400, 'ELDER_DATE_INVALID', 'consent.givenOn 2027-01-01 is after today'))).toEqual({ field: 'consent', message: ['record.error.dateInvalid'] });
    expect(placeError(new ApiError(409, 'ELDER_ID_NUMBER_TAKEN'))).toEqual({ field: 'idNumber', message: ['record.error.idNumberTaken'] });
  });
});
