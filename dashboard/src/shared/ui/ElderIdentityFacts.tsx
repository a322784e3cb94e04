// Who the elder is (issue 21), as facts of the record's list: the group tags as chips, the age with 高龄 marked,
// sex, the capability assessment with its date and assessor, and the consent to monitoring. Facts the record does
// not know are left out: an operator working an alarm reads only what is there (the record editing screen, later,
// is where a missing consent is asked for). The catalogues' labels are data in schemas/elder-record.ts; a code this
// page has no label for (a newer server) is left out.

import { ASSESSMENT_LEVEL_LABELS, CONSENT_RELATION_LABELS, ELDER_GROUP_LABELS, SEX_LABELS, type Elder } from '../../../../schemas/index.js';
import { lang, t } from '../i18n.js';
import { Fact } from './ElderRecord.js';
import { Phrase, Typed } from './Typed.js';

type Labels = Record<string, { 'zh-CN': string; en: string }>;

/** The label of `code` in the page's language, or null for a code the catalogue does not have. */
const labelOf = (labels: Labels, code: string): string | null => (Object.hasOwn(labels, code) ? labels[code]![lang.value] : null);

export function ElderIdentityFacts({ elder }: { elder: Elder }) {
  const groups = elder.groups.map((g) => labelOf(ELDER_GROUP_LABELS, g)).filter((label): label is string => label !== null);
  const sex = elder.sex ? labelOf(SEX_LABELS, elder.sex) : null;
  const level = elder.assessment ? labelOf(ASSESSMENT_LEVEL_LABELS, elder.assessment.level) : null;
  const relation = elder.consent ? (labelOf(CONSENT_RELATION_LABELS, elder.consent.relation) ?? '') : '';
  return (
    <>
      {groups.length > 0 || elder.veryOld ? (
        <Fact label={t('elder.groups')}>
          <span class="group-chips" data-testid="elder-groups">
            {elder.veryOld ? <span class="group-chip group-chip-derived">{t('elder.veryOld')}</span> : null}
            {groups.map((label) => (
              <span key={label} class="group-chip">
                {label}
              </span>
            ))}
          </span>
        </Fact>
      ) : null}
      {elder.age !== null && elder.birthDate ? (
        <Fact label={t('elder.age')}>
          <span data-testid="elder-age" title={t('elder.birthDate', { date: elder.birthDate })}>
            {t('elder.ageYears', { age: elder.age })}
          </span>
        </Fact>
      ) : null}
      {sex ? (
        <Fact label={t('elder.sex')}>
          <span data-testid="elder-sex">{sex}</span>
        </Fact>
      ) : null}
      {elder.assessment && level ? (
        <Fact label={t('elder.assessment')}>
          <span data-testid="elder-assessment">
            <strong class="assessment-level">{level}</strong>{' '}
            <Phrase class="record-aside" k="elder.assessedOn" vars={{ date: elder.assessment.assessedOn, assessor: <Typed value={elder.assessment.assessor} /> }} />
          </span>
        </Fact>
      ) : null}
      {elder.consent ? (
        <Fact label={t('elder.consent')}>
          <Phrase testid="elder-consent" k="elder.consentGiven" vars={{ date: elder.consent.givenOn, name: <Typed value={elder.consent.givenBy} />, relation }} />
        </Fact>
      ) : null}
    </>
  );
}
