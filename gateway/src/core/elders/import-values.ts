import { ASSESSMENT_LEVEL_LABELS, ASSESSMENT_LEVELS, ELDER_GROUP_LABELS, ELDER_GROUPS, SEX_LABELS, SEXES, type AssessmentLevel, type ElderGroup, type Sex } from '../../../../schemas/index.js';

// The values of a civil-affairs list as people type them into Excel, read into what POST /elders takes. Each reader
// returns the value, or null when the text cannot be one (the row then gets a problem naming the column).

/** Days from Excel's day 0 (1899-12-30, which absorbs Lotus's 1900 leap-year bug) to 1970-01-01. */
const EXCEL_EPOCH_DAYS = 25_569;

function isoDate(year: number, month: number, day: number): string | null {
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return d.toISOString().slice(0, 10);
}

/**
 * A calendar date as YYYY-MM-DD from: 1945-03-12, 1945/3/12, 1945.3.12, 1945年3月12日, 19450312, or an Excel date
 * serial (16873: what a date cell shows when its format is lost, and what a CSV of it may hold).
 */
export function parseImportDate(text: string): string | null {
  const t = text.trim();
  const ymd = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(t);
  if (ymd) return isoDate(Number(ymd[1]), Number(ymd[2]), Number(ymd[3]));
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (compact) return isoDate(Number(compact[1]), Number(compact[2]), Number(compact[3]));
  // Serials 1 … 99999 are 1900-01-01 … 2173; a whole number only (a time of day is no birth date).
  const serial = /^(\d{1,5})(?:\.0+)?$/.exec(t);
  if (serial) {
    const ms = (Number(serial[1]) - EXCEL_EPOCH_DAYS) * 86_400_000;
    const d = new Date(ms);
    return isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  }
  return null;
}

const SEX_WORDS = new Map<string, Sex>([
  ...SEXES.flatMap((s) => [[SEX_LABELS[s]['zh-CN'], s], [s, s], [SEX_LABELS[s].en.toLowerCase(), s]] as [string, Sex][]),
  ['男性', 'male'],
  ['女性', 'female'],
  ['m', 'male'],
  ['f', 'female'],
]);

export const parseSex = (text: string): Sex | null => SEX_WORDS.get(text.trim().toLowerCase()) ?? null;

const GROUP_WORDS = new Map<string, ElderGroup>(
  ELDER_GROUPS.flatMap((g) => [[ELDER_GROUP_LABELS[g]['zh-CN'], g], [g, g], [ELDER_GROUP_LABELS[g].en.toLowerCase(), g]] as [string, ElderGroup][]),
);
// Common longer names in the lists for the same groups.
GROUP_WORDS.set('独居老人', 'living_alone');
GROUP_WORDS.set('空巢老人', 'empty_nest');
GROUP_WORDS.set('留守老人', 'left_behind');
GROUP_WORDS.set('失能老人', 'disabled');
GROUP_WORDS.set('失智老人', 'dementia');
GROUP_WORDS.set('特困人员', 'extreme_hardship');
GROUP_WORDS.set('计生特殊家庭', 'bereaved_only_child');

/** 高龄 follows from the birth date (schemas/elder-record.ts): a list that names it is right, and it is not a tag. */
const DERIVED_GROUPS = new Set(['高龄', '高龄老人', 'very old']);

/** Tags separated by 、 , ， ; ； or spaces: the groups found, and the words that name none. */
export function parseGroups(text: string): { groups: ElderGroup[]; unknown: string[] } {
  const groups: ElderGroup[] = [];
  const unknown: string[] = [];
  for (const word of text.split(/[、,，;；\s]+/).filter((w) => w !== '')) {
    const key = word.toLowerCase();
    const group = GROUP_WORDS.get(key);
    if (group !== undefined) groups.push(group);
    else if (!DERIVED_GROUPS.has(key)) unknown.push(word);
  }
  return { groups, unknown };
}

const LEVEL_WORDS = new Map<string, AssessmentLevel>(
  ASSESSMENT_LEVELS.flatMap((l) => [[ASSESSMENT_LEVEL_LABELS[l]['zh-CN'], l], [l, l], [ASSESSMENT_LEVEL_LABELS[l].en.toLowerCase(), l]] as [string, AssessmentLevel][]),
);

export const parseAssessmentLevel = (text: string): AssessmentLevel | null => LEVEL_WORDS.get(text.trim().toLowerCase()) ?? null;

/** A decimal number of degrees (range checks are the geo point schema's, as for POST /elders). */
export function parseDegrees(text: string): number | null {
  const t = text.trim();
  return /^[-+]?\d{1,3}(\.\d+)?$/.test(t) ? Number(t) : null;
}
