// The notice line: what just went wrong or happened (a refused action, an escalation), for 8 s. Kept as a message
// key with its values, so it is drawn again in the new language after a switch; an alert type among the values
// is shown by its label.

import { t } from '../../shared/i18n.js';
import { typeLabel } from '../../shared/labels.js';
import { notice } from '../state/desk-state.js';

export function NoticeLine() {
  const current = notice.value;
  let text = '';
  if (current) {
    const [key, vars = {}] = current;
    text = t(key, typeof vars.alertType === 'string' ? { ...vars, type: typeLabel(vars.alertType) } : vars);
  }
  return (
    <div class="notice" data-testid="action-message" role="alert" hidden={!current}>
      {text}
    </div>
  );
}
