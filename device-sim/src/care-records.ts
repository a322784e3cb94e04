import type { EmergencyContact } from '../../schemas/index.js';
import type { HomeProfile } from './home-profiles.js';
import { pick, randomInt, seededRandom, type Random } from './seeded-random.js';

// What the desk and a responder read on a simulated elder's record besides name and address: emergency contacts in
// calling order (the first is told of a life-safety alarm), medical notes and how to get in. Made up, and a function
// of (seed, index) with draws of its own, so the profile's person and devices do not change because of it.

export interface CareRecord {
  /** One or two, in calling order; the first has `notify` set. */
  contacts: EmergencyContact[];
  medicalNotes: string;
  accessNotes: string;
}

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
  return { contacts, medicalNotes, accessNotes };
}

function contact(random: Random, relation: string, notify: boolean): EmergencyContact {
  const phone = `1${pick(random, ['35', '36', '39', '50', '87', '88'])}${String(randomInt(random, 0, 99_999_999)).padStart(8, '0')}`;
  return { name: pick(random, SURNAMES) + pick(random, GIVEN_NAMES), relation, phone, notify };
}
