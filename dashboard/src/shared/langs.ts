// The dashboard's languages, zh-CN first (the default). Apart from messages.ts so the per-screen message files can
// name the type without importing the file that merges them.
export const LANGS = ['zh-CN', 'en'] as const;
export type Lang = (typeof LANGS)[number];
