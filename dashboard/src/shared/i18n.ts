// The page's language as a signal: components that call t() while rendering draw again when it changes.
// zh-CN is the default; the choice is remembered in localStorage.

import { signal } from '@preact/signals';
import { LANGS, MESSAGES, type Lang } from './messages.js';

export { LANGS, type Lang } from './messages.js';

const STORAGE_KEY = 'dutyDesk.lang';

function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved && (LANGS as readonly string[]).includes(saved)) return saved as Lang;
  } catch {
    // storage blocked: fall back to the default
  }
  return 'zh-CN';
}

export const lang = signal<Lang>(initialLang());
document.documentElement.lang = lang.value;

export function setLang(next: Lang): void {
  if (next === lang.value) return;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // not remembered, still switched
  }
  document.documentElement.lang = next;
  lang.value = next;
}

export type Vars = Record<string, string | number>;

/** Looks a key up in the current language and fills {name} placeholders. */
export function t(key: string, vars: Vars = {}): string {
  const text = MESSAGES[lang.value][key] ?? MESSAGES['zh-CN'][key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** A label for a server-sent code, or null when the page has none (the code itself is then never shown). */
export function known(key: string, vars?: Vars): string | null {
  const text = t(key, vars);
  return text === key ? null : text;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "2分15秒" / "2m 15s" for a duration in milliseconds. */
export function formatAge(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(total / 86400);
  const h = Math.floor((total % 86400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (d > 0) return t('age.dh', { d, h });
  if (h > 0) return t('age.hm', { h, m: pad(m) });
  if (m > 0) return t('age.ms', { m, s: pad(s) });
  return t('age.s', { s });
}

function format(iso: string | null | undefined, options: Intl.DateTimeFormatOptions, how: 'time' | 'both'): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return how === 'time' ? date.toLocaleTimeString(lang.value, options) : date.toLocaleString(lang.value, options);
}

/** Local wall-clock time of an ISO instant, in the current language's format. */
export const formatTime = (iso: string | null | undefined) => format(iso, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }, 'time');

/** Day and time ("6月3日 14:05" / "6/3, 14:05"), for due dates that may be days away. */
export const formatDateTime = (iso: string | null | undefined) =>
  format(iso, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false }, 'both');

/** Hours and minutes, for times later today (hold until, accepted at). */
export const formatClock = (iso: string | null | undefined) => format(iso, { hour: '2-digit', minute: '2-digit', hour12: false }, 'time');
