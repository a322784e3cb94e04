// What is wrong with one field of the record, in words, right under it: the form's own check or the server's refusal.

import type { MessageRef } from '../../../shared/api.js';
import { t } from '../../../shared/i18n.js';
import type { RecordField } from './field-errors.js';

export type FieldErrors = Partial<Record<RecordField, MessageRef>>;

export function FieldError({ field, errors }: { field: RecordField; errors: FieldErrors }) {
  const message = errors[field];
  if (!message) return null;
  return (
    <p class="field-error" data-testid={`record-error-${field}`} role="alert">
      {t(message[0], message[1])}
    </p>
  );
}
