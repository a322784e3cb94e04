import type { Lang } from '../messages.js';

// The handover strings, zh-CN first (see messages.ts).
export const HANDOVER_MESSAGES: Record<Lang, Record<string, string>> = {
  'zh-CN': {},
  en: {},
};
