// What a form's action was refused with, in the page's words; kept in the layout (hidden) so screen readers hear
// it when it appears.

import type { MessageRef } from '../api.js';
import { t } from '../i18n.js';

export function FormError({ error, testid }: { error: MessageRef | null; testid?: string }) {
  return (
    <p class="form-error" data-testid={testid} role="alert" hidden={!error}>
      {error ? t(error[0], error[1]) : ''}
    </p>
  );
}
