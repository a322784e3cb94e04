import type { Lang } from '../messages.js';

// The wall strings, zh-CN first (see messages.ts).
export const WALL_MESSAGES: Record<Lang, Record<string, string>> = {
  'zh-CN': {},
  en: {},
};
