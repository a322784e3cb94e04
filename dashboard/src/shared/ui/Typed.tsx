// Server text (a name, an address, a note) on screen, and translated phrases whose placeholders hold such text.
// Server strings go in as text only, never as HTML; every one carries the class "typed", so a test can tell what
// people typed from the page's own labels.

import type { ComponentChildren } from 'preact';
import { t } from '../i18n.js';

export function Typed({ class: className, value, testid }: { class?: string; value: unknown; testid?: string }) {
  return (
    <span class={className ? `${className} typed` : 'typed'} data-testid={testid}>
      {String(value ?? '')}
    </span>
  );
}

/**
 * A translated phrase whose placeholders may be elements: t('row.assignee') is "派给 {name}", and {name} becomes
 * the typed span of the responder's name, so the label and the data stay apart in the DOM.
 */
export function Phrase({ class: className, k, vars = {}, testid }: { class?: string; k: string; vars?: Record<string, ComponentChildren>; testid?: string }) {
  const template = t(k);
  const out: ComponentChildren[] = [];
  let last = 0;
  for (const match of template.matchAll(/\{(\w+)\}/g)) {
    const index = match.index ?? 0;
    if (index > last) out.push(template.slice(last, index));
    const name = match[1] ?? '';
    out.push(name in vars ? vars[name] : match[0]);
    last = index + match[0].length;
  }
  if (last < template.length) out.push(template.slice(last));
  return (
    <span class={className} data-testid={testid}>
      {out}
    </span>
  );
}

/** The TEST mark of an alert or task from a device in test mode. */
export function TestBadge() {
  return (
    <span class="test-badge" data-testid="test-badge" title={t('badge.testTitle')}>
      {t('badge.test')}
    </span>
  );
}
