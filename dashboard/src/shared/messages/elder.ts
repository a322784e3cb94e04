import type { Lang } from '../langs.js';

// The elder record's strings (issue 21), zh-CN first (see messages.ts): who the elder is, as the desk's record and
// the responder's card show it. The catalogues' own labels (groups, assessment levels, sex, consent relation) are
// data in schemas/elder-record.ts, read through shared/catalogue-label.ts.
export const ELDER_MESSAGES: Record<Lang, Record<string, string>> = {
  'zh-CN': {
    'elder.groups': '人群分类',
    'elder.age': '年龄',
    'elder.ageYears': '{age} 岁',
    'elder.veryOld': '高龄',
    'elder.birthDate': '出生日期 {date}',
    'elder.sex': '性别',
    'elder.assessment': '能力评估',
    'elder.assessedOn': '{date} 评估（{assessor}）',
    'elder.consent': '监测知情同意',
    'elder.consentGiven': '{date} 由 {name}（{relation}）签署',
    'elder.guardian': '监护人',
  },
  en: {
    'elder.groups': 'Groups',
    'elder.age': 'Age',
    'elder.ageYears': '{age} years',
    'elder.veryOld': 'Very old (80+)',
    'elder.birthDate': 'born {date}',
    'elder.sex': 'Sex',
    'elder.assessment': 'Capability assessment',
    'elder.assessedOn': 'assessed {date} by {assessor}',
    'elder.consent': 'Consent to monitoring',
    'elder.consentGiven': 'given {date} by {name} ({relation})',
    'elder.guardian': 'Legal guardian',
  },
};
