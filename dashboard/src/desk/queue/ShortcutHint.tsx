// The line that tells which keys do what, above the queue (hidden on a phone, which has none).

import { t } from '../../shared/i18n.js';

const KEYS: Array<[keys: string[], label: string]> = [
  [['A'], 'keys.ack'],
  [['D'], 'keys.dispatch'],
  [['R'], 'keys.resolve'],
  [['H'], 'keys.hold'],
  [['F'], 'keys.falseAlarm'],
  [['I'], 'keys.details'],
  [['J', 'K'], 'keys.move'],
  [['Esc'], 'keys.esc'],
];

export function ShortcutHint() {
  return (
    <p class="shortcut-hint" data-testid="shortcut-hint">
      <span class="hint-label">{t('keys.label')}</span>
      {KEYS.map(([keys, label]) => (
        <span key={label}>
          {keys.map((key) => (
            <kbd key={key}>{key}</kbd>
          ))}{' '}
          {t(label)}
        </span>
      ))}
      <span class="hint-target">{t('keys.target')}</span>
    </p>
  );
}
