// What a list says above its rows when it has none to show yet: why it failed, that it is loading, or that nothing
// matches. A failure is said even while older rows stay on screen (a "more" that failed).

import type { MessageRef } from '../api.js';
import { t } from '../i18n.js';

interface ListStatusProps {
  failed: MessageRef | null;
  loading: boolean;
  /** What an empty list says once it is loaded; null while it has rows (or is not loaded). */
  empty: string | null;
}

export function ListStatus({ failed, loading, empty }: ListStatusProps) {
  if (failed) {
    return (
      <p class="dialog-status failed" role="alert">
        {t(failed[0], failed[1])}
      </p>
    );
  }
  if (loading) return <p class="dialog-status">{t('detail.loading')}</p>;
  return empty === null ? null : <p class="empty">{empty}</p>;
}
