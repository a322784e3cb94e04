import type { Lang } from '../messages.js';

// The history strings, zh-CN first (see messages.ts).
export const HISTORY_MESSAGES: Record<Lang, Record<string, string>> = {
  'zh-CN': {},
  en: {},
};
