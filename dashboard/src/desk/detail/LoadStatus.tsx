// What a part of the dialog says while its request is under way or after it failed.

import { errorMessage } from '../../shared/api.js';
import { t } from '../../shared/i18n.js';
import type { Loaded } from './use-load.js';

/** `failedKey` replaces the server-code message when the part has a clearer word of its own. */
export function LoadStatus({ loaded, failedKey }: { loaded: Loaded<unknown>; failedKey?: string }) {
  if (loaded.state === 'ok') return null;
  if (loaded.state === 'loading') return <p class="dialog-status">{t('detail.loading')}</p>;
  const [key, vars] = failedKey ? [failedKey] : errorMessage(loaded.error);
  return (
    <p class="dialog-status failed" role="alert">
      {t(key, vars)}
    </p>
  );
}
