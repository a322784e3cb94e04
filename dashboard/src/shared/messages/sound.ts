import type { Lang } from '../messages.js';

// The sound strings, zh-CN first (see messages.ts).
export const SOUND_MESSAGES: Record<Lang, Record<string, string>> = {
  'zh-CN': {},
  en: {},
};
