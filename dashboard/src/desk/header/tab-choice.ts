// Which of the desk's views is on screen: the alarm queue (the default), the status wall, the task board, the call
// log, the complaints, the history search, the handover, the reports or the refused messages.
// Kept in the URL's hash (#queue, #wall, #reports …), so a reload, or a bookmark, opens the same one.

import { signal } from '@preact/signals';

export const TABS = ['queue', 'wall', 'tasks', 'calls', 'complaints', 'history', 'handover', 'reports', 'visits', 'elders', 'devices', 'letters'] as const;
export type DeskTab = (typeof TABS)[number];

function fromHash(): DeskTab {
  const name = location.hash.replace(/^#/, '');
  return (TABS as readonly string[]).includes(name) ? (name as DeskTab) : 'queue';
}

export const tab = signal<DeskTab>(fromHash());

export function showTab(next: DeskTab): void {
  tab.value = next;
  // replaceState: switching views is not a page the back button should walk through
  if (location.hash !== `#${next}`) history.replaceState(null, '', `#${next}`);
}

/** Follows a hash typed or pasted into the address bar; returns the stop. */
export function followHash(): () => void {
  const onHash = () => (tab.value = fromHash());
  window.addEventListener('hashchange', onHash);
  return () => window.removeEventListener('hashchange', onHash);
}
