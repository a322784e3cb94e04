import type { AssessmentLevel, Consent, ElderGroup, EmergencyContact, RiskCategory, Sex } from '../../schemas/index.js';
import type { HomeProfile } from './home-profiles.js';
import { pick, randomInt, seededRandom, type Random } from './seeded-random.js';

// What the desk and a responder read on a simulated elder's record besides name and address: emergency contacts in
// calling order (the first is told of a life-safety alarm), medical notes and how to get in, and the record the
// county keeps (issue 21): groups, birth date and sex, the capability assessment, the guardian and the consent.
// Made up, and a function of (seed, index) with draws of its own, so the profile's person and devices do not change
// because of it; the record's draws come after the older ones, so contacts and notes stay what they were.

export interface CareRecord {
  /** One or two, in calling order; the first has `notify` set, and is the guardian of a disabled or confused elder. */
  contacts: EmergencyContact[];
  medicalNotes: string;
  accessNotes: string;
  groups: ElderGroup[];
  birthDate: string;
  sex: Sex;
  assessment: { level: AssessmentLevel; assessedOn: string; assessor: string };
  consent: Consent;
}

/** The group the legacy risk category names, where there is one (高龄 follows from the birth date instead). */
const GROUP_OF_CATEGORY: Partial<Record<RiskCategory, ElderGroup>> = {
  alone: 'living_alone',
  empty_nest: 'empty_nest',
  disabled: 'disabled',
  dementia: 'dementia',
  hardship: 'extreme_hardship',
};
// Assessment levels weighted as a county's home-care list might be: most intact or mildly impaired.
const LEVELS: readonly AssessmentLevel[] = ['intact', 'intact', 'mild', 'mild', 'mild', 'moderate', 'moderate', 'severe', 'total'];
const NEEDS_GUARDIAN: ReadonlySet<RiskCategory> = new Set<RiskCategory>(['disabled', 'dementia']);

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭'];
// Given names common among people born in the 1960s–1980s, the elders' children.
const GIVEN_NAMES = ['伟', '磊', '静', '丽', '敏', '军', '海燕', '红梅', '建军', '晓东', '丽娟', '志刚', '春燕', '立新'];
const FIRST_CONTACT_RELATIONS = ['儿子', '女儿', '儿子', '女儿', '儿媳', '女婿', '老伴', '侄子'];
const SECOND_CONTACT_RELATIONS = ['邻居', '女儿', '儿子', '外甥', '楼栋长', '侄女'];

const CONDITIONS = [
  '高血压，每日服氨氯地平',
  '2型糖尿病，每日注射胰岛素，注意低血糖',
  '冠心病，支架术后，常备硝酸甘油',
  '轻度认知障碍，偶有迷路',
  '慢阻肺，家中备制氧机',
  '膝关节置换术后，行走需助行器',
  '脑梗后遗症，左侧肢体无力',
  '青霉素过敏',
  '骨质疏松，曾跌倒骨折',
  '听力差，需大声说话或敲门',
];
const ACCESS_NOTES_HOME = [
  '门口密码钥匙盒，密码由社区网格员保管',
  '备用钥匙在对门邻居家，先电话联系',
  '院门常锁，按门铃两次并呼喊，老人耳背',
  '家中养狗，进门前请先电话联系家属',
  '楼内无电梯，上门请带便携担架',
  '智能门锁，紧急时可由家属远程开锁',
];
const ACCESS_NOTE_INSTITUTION = '颐养中心前台24小时值守，报房号即可进入';

export function careRecord(seed: number, index: number, profile: HomeProfile): CareRecord {
  const random = seededRandom((seed * 100_003 + index) ^ 0x0c0f_fee5);
  const contacts: EmergencyContact[] = [contact(random, pick(random, FIRST_CONTACT_RELATIONS), true)];
  if (random() < 0.6) contacts.push(contact(random, pick(random, SECOND_CONTACT_RELATIONS), false));

  const conditions = new Set<string>();
  const count = profile.riskCategory === 'general' ? randomInt(random, 0, 1) : randomInt(random, 1, 2);
  while (conditions.size < count) conditions.add(pick(random, CONDITIONS));
  const medicalNotes = conditions.size > 0 ? [...conditions].join('；') : '无特殊病史';
  const accessNotes = profile.setting === 'institution' ? ACCESS_NOTE_INSTITUTION : pick(random, ACCESS_NOTES_HOME);

  const groups = new Set<ElderGroup>();
  const named = GROUP_OF_CATEGORY[profile.riskCategory];
  if (named) groups.add(named);
  if (random() < 0.2) groups.add('minimum_living');
  if (profile.riskCategory === 'general' && random() < 0.3) groups.add('left_behind');
  // the very old are 80 to 95; the others 62 to 89 (a birth date, not an age: the age follows from it)
  const age = profile.riskCategory === 'very_old' ? randomInt(random, 80, 95) : randomInt(random, 62, 89);
  const birthDate = `${2026 - age}-${pad2(randomInt(random, 1, 12))}-${pad2(randomInt(random, 1, 28))}`;
  const sex: Sex = random() < 0.55 ? 'female' : 'male';
  const level = NEEDS_GUARDIAN.has(profile.riskCategory) ? pick(random, ['moderate', 'severe', 'total'] as const) : pick(random, LEVELS);
  const assessment = { level, assessedOn: `2026-${pad2(randomInt(random, 1, 11))}-${pad2(randomInt(random, 1, 28))}`, assessor: '县老年人能力评估中心' };
  const first = contacts[0]!;
  const guardian = NEEDS_GUARDIAN.has(profile.riskCategory);
  if (guardian) contacts[0] = { ...first, guardian: true };
  const consent: Consent = guardian
    ? { givenOn: assessment.assessedOn, givenBy: first.name, relation: 'guardian' }
    : { givenOn: assessment.assessedOn, givenBy: profile.name, relation: 'self' };
  return { contacts, medicalNotes, accessNotes, groups: [...groups], birthDate, sex, assessment, consent };
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

function contact(random: Random, relation: string, notify: boolean): EmergencyContact {
  const phone = `1${pick(random, ['35', '36', '39', '50', '87', '88'])}${String(randomInt(random, 0, 99_999_999)).padStart(8, '0')}`;
  return { name: pick(random, SURNAMES) + pick(random, GIVEN_NAMES), relation, phone, notify };
}
