import type { Lang } from '../messages.js';

// The reports strings, zh-CN first (see messages.ts).
export const REPORTS_MESSAGES: Record<Lang, Record<string, string>> = {
  'zh-CN': {},
  en: {},
};
