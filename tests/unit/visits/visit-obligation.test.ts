import { describe, expect, it } from 'vitest';
import type { VisitPolicyRule } from '../../../schemas/index.js';
import { DEFAULT_VISIT_POLICY, obligationAt, visitObligation, visitSubjects, type VisitFacts } from '../../../gateway/src/core/visits/obligation.js';

// What an elder is owed under the visit policy: the strictest rule that applies, and the ways every such rule accepts.

const CHINA = 480;
const facts = (overrides: Partial<VisitFacts> = {}): VisitFacts => ({ groups: [], riskCategory: 'general', birthDate: null, assessmentLevel: null, ...overrides });
const rule = (group: VisitPolicyRule['group'], frequency: VisitPolicyRule['frequency'], modes: VisitPolicyRule['modes'], assessmentLevel: VisitPolicyRule['assessmentLevel'] = null): VisitPolicyRule => ({
  group,
  assessmentLevel,
  frequency,
  modes,
});
const DAY = '2026-12-01';

describe('the elder’s subjects', () => {
  it('when an elder has groups, a legacy risk category and is 80 on the period’s first day, then all three count, each once, in catalogue order', () => {
    expect(visitSubjects(facts({ groups: ['minimum_living', 'living_alone'], riskCategory: 'alone', birthDate: '1946-12-01' }), DAY)).toEqual(['living_alone', 'minimum_living', 'very_old']);
  });

  it.each([
    ['alone', 'living_alone'],
    ['hardship', 'extreme_hardship'],
    ['empty_nest', 'empty_nest'],
    ['disabled', 'disabled'],
    ['very_old', 'very_old'],
    ['dementia', 'dementia'],
  ] as const)('when the legacy risk category is %s, then the subject is %s', (riskCategory, subject) => {
    expect(visitSubjects(facts({ riskCategory }), DAY)).toEqual([subject]);
  });

  it('when the elder turns 80 the day after the period starts, then they are not very old for that period', () => {
    expect(visitSubjects(facts({ birthDate: '1946-12-02' }), DAY)).toEqual([]);
    expect(visitSubjects(facts({ birthDate: '1946-12-02' }), '2027-01-01')).toEqual(['very_old']);
  });
});

describe('the strictest rule', () => {
  it('when no rule applies, then nothing is owed', () => {
    expect(visitObligation(facts({ riskCategory: 'general' }), DEFAULT_VISIT_POLICY, DAY)).toBeNull();
  });

  it('when rules of several frequencies apply, then the most frequent wins, and only its rows say why', () => {
    const rules = [rule('living_alone', 'monthly', ['door']), rule('minimum_living', 'quarterly', ['door', 'phone']), rule('dementia', 'fortnightly', ['door', 'video'])];
    expect(visitObligation(facts({ groups: ['living_alone', 'minimum_living', 'dementia'] }), rules, DAY)).toEqual({ frequency: 'fortnightly', modes: ['door', 'video'], because: ['dementia'] });
  });

  it('when two rules of the strictest frequency apply, then the ways that count are those both accept', () => {
    const rules = [rule('living_alone', 'monthly', ['door', 'phone']), rule('disabled', 'monthly', ['door', 'video', 'phone'])];
    expect(visitObligation(facts({ groups: ['living_alone', 'disabled'] }), rules, DAY)).toEqual({ frequency: 'monthly', modes: ['door', 'phone'], because: ['living_alone', 'disabled'] });
  });

  it('when the tied rules share no way of visiting, then the door counts, which every rule stands for', () => {
    const rules = [rule('living_alone', 'weekly', ['phone']), rule('disabled', 'weekly', ['video'])];
    expect(visitObligation(facts({ groups: ['living_alone', 'disabled'] }), rules, DAY)).toEqual({ frequency: 'weekly', modes: ['door'], because: ['living_alone', 'disabled'] });
  });

  it('when a row names only an assessment level, then it applies to any elder at that level, and not to others', () => {
    const rules = [rule(null, 'weekly', ['door', 'phone', 'video'], 'severe'), rule('living_alone', 'monthly', ['door'])];
    expect(visitObligation(facts({ groups: ['living_alone'], assessmentLevel: 'severe' }), rules, DAY)).toEqual({ frequency: 'weekly', modes: ['door', 'phone', 'video'], because: ['assessment:severe'] });
    expect(visitObligation(facts({ groups: ['living_alone'], assessmentLevel: 'moderate' }), rules, DAY)).toMatchObject({ frequency: 'monthly' });
    expect(visitObligation(facts({ assessmentLevel: 'mild' }), rules, DAY)).toBeNull();
  });

  it('when a row names a group and a level, then it applies only to elders with both', () => {
    const rules = [rule('disabled', 'weekly', ['door'], 'total'), rule('disabled', 'monthly', ['door', 'phone'])];
    expect(visitObligation(facts({ groups: ['disabled'], assessmentLevel: 'total' }), rules, DAY)).toEqual({ frequency: 'weekly', modes: ['door'], because: ['disabled+assessment:total'] });
    expect(visitObligation(facts({ groups: ['disabled'], assessmentLevel: 'severe' }), rules, DAY)).toEqual({ frequency: 'monthly', modes: ['door', 'phone'], because: ['disabled'] });
  });

  it('when the shipped default is used, then the legacy visiting-care categories are visited monthly as before, by phone where a phone visit was allowed before', () => {
    const owed = (riskCategory: VisitFacts['riskCategory']) => visitObligation(facts({ riskCategory }), DEFAULT_VISIT_POLICY, DAY);
    expect(owed('alone')).toMatchObject({ frequency: 'monthly', modes: ['door'] });
    expect(owed('disabled')).toMatchObject({ frequency: 'monthly', modes: ['door'] });
    expect(owed('empty_nest')).toMatchObject({ frequency: 'monthly', modes: ['door', 'phone'] });
    expect(owed('very_old')).toMatchObject({ frequency: 'monthly', modes: ['door', 'phone'] });
    expect(owed('hardship')).toMatchObject({ frequency: 'monthly', modes: ['door', 'phone'] });
    expect(owed('general')).toBeNull();
    expect(visitObligation(facts({ groups: ['minimum_living'] }), DEFAULT_VISIT_POLICY, DAY)).toMatchObject({ frequency: 'quarterly', modes: ['door', 'phone'] });
  });
});

describe('the obligation now, with its period', () => {
  it('when an elder turns 80 mid-month and is owed only as very old, then the month’s period owes nothing yet, the next month does', () => {
    const rules = [rule('very_old', 'monthly', ['door'])];
    const elder = facts({ birthDate: '1946-12-15' });
    expect(obligationAt(elder, rules, Date.parse('2026-12-20T02:00:00Z'), CHINA)).toBeNull();
    expect(obligationAt(elder, rules, Date.parse('2027-01-05T02:00:00Z'), CHINA)).toMatchObject({ obligation: { frequency: 'monthly' }, period: { key: '2027-01' } });
  });

  it('when a weekly rule applies, then the period is the local ISO week', () => {
    const rules = [rule(null, 'weekly', ['door', 'video'], 'total'), rule('living_alone', 'monthly', ['door'])];
    expect(obligationAt(facts({ groups: ['living_alone'], assessmentLevel: 'total' }), rules, Date.parse('2026-12-07T03:00:00Z'), CHINA)).toEqual({
      obligation: { frequency: 'weekly', modes: ['door', 'video'], because: ['assessment:total'] },
      period: { key: '2026-W50', startAt: Date.parse('2026-12-06T16:00:00Z'), endAt: Date.parse('2026-12-13T16:00:00Z') },
    });
  });
});
