// The "type · name" line at the top of an alert's dialog: what the dialog acts on.

import { typeLabel } from '../../shared/labels.js';
import { Phrase, Typed } from '../../shared/ui/Typed.js';
import type { Alert } from '../../model/alert-book.js';

export function AlertSubject({ alert }: { alert: Alert }) {
  return <Phrase k="resolve.for" vars={{ type: typeLabel(alert.type), name: <Typed class="for-name" value={alert.elder.name} /> }} />;
}
