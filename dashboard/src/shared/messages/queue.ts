import type { Lang } from '../messages.js';

// The queue strings, zh-CN first (see messages.ts).
export const QUEUE_MESSAGES: Record<Lang, Record<string, string>> = {
  'zh-CN': {},
  en: {},
};
