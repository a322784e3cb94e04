import { describe, expect, it } from 'vitest';
import { LANGS, MESSAGES } from '../../dashboard/src/shared/messages.js';

// The dashboard's strings: zh-CN is the default and English complete, so no screen mixes the two languages.

const HAN = /\p{Script=Han}/u;
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('dashboard messages', () => {
  it('when a key exists in one language, then it exists in the other', () => {
    const zh = Object.keys(MESSAGES['zh-CN']).sort();
    const en = Object.keys(MESSAGES.en).sort();
    expect(en.filter((k) => !zh.includes(k))).toEqual([]);
    expect(zh.filter((k) => !en.includes(k))).toEqual([]);
    expect(LANGS).toEqual(['zh-CN', 'en']);
  });

  it('when a string is English, then it holds no Chinese character', () => {
    const mixed = Object.entries(MESSAGES.en).filter(([, text]) => HAN.test(text));
    expect(mixed).toEqual([]);
  });

  it('when a string has placeholders, then both languages fill the same ones', () => {
    const differing = Object.keys(MESSAGES['zh-CN']).filter((k) => JSON.stringify(placeholders(MESSAGES['zh-CN'][k] ?? '')) !== JSON.stringify(placeholders(MESSAGES.en[k] ?? '')));
    expect(differing).toEqual([]);
  });
});
