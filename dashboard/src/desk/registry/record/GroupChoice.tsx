// The group tags as checkbox chips, in catalogue order (schemas/elder-record.ts), any number of them; 高龄 shown
// beside them as derived from the birth date, never chosen.

import { ELDER_GROUPS, ELDER_GROUP_LABELS } from '../../../../../schemas/index.js';
import { lang, t } from '../../../shared/i18n.js';

export function GroupChoice({ chosen, veryOld, onChange }: { chosen: readonly string[]; veryOld: boolean; onChange: (groups: string[]) => void }) {
  const toggle = (group: string, on: boolean) => onChange(ELDER_GROUPS.filter((g) => (g === group ? on : chosen.includes(g))));
  return (
    <div class="record-groups" data-testid="record-groups">
      {ELDER_GROUPS.map((g) => (
        <label key={g} class={chosen.includes(g) ? 'group-toggle on' : 'group-toggle'}>
          <input type="checkbox" data-testid={`record-group-${g}`} checked={chosen.includes(g)} onChange={(ev) => toggle(g, ev.currentTarget.checked)} />
          <span>{ELDER_GROUP_LABELS[g][lang.value]}</span>
        </label>
      ))}
      <span class="group-chip group-chip-derived" title={t('record.veryOldDerived')} hidden={!veryOld}>
        {t('elder.veryOld')}
      </span>
      <span class="field-hint">{t('record.veryOldDerived')}</span>
    </div>
  );
}
