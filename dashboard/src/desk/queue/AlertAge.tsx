// An alert's age, ticking each second on its own, so the row around it is not drawn again every second.

import { formatAge } from '../../shared/i18n.js';
import { serverNow } from '../state/desk-state.js';

export function AlertAge({ since }: { since: string }) {
  return (
    <span class="age" data-testid="alert-age" data-since={since}>
      {formatAge(serverNow() - Date.parse(since))}
    </span>
  );
}
