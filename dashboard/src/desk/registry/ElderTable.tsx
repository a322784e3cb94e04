// The registry's lines, one compact line per elder: name, sex and age (高龄 marked), groups as tags, community,
// assessment level, whether a guardian and a consent are recorded. A click, or Enter on a focused line, opens the
// record beside the list. Devices are not counted here: that would cost a read per line of a 20,000-elder list.

import { ASSESSMENT_LEVEL_LABELS, ELDER_GROUP_LABELS, SEX_LABELS, type Elder } from '../../../../schemas/index.js';
import { lang, t } from '../../shared/i18n.js';
import { Typed } from '../../shared/ui/Typed.js';
import { regions } from '../state/desk-state.js';

type Labels = Record<string, { 'zh-CN': string; en: string }>;
/** A code this page has no label for (a newer server) shows as the code. */
const label = (labels: Labels, code: string): string => (Object.hasOwn(labels, code) ? labels[code]![lang.value] : code);

function YesNo({ yes, testid }: { yes: boolean; testid: string }) {
  return (
    <span class={yes ? 'yes-no yes' : 'yes-no no'} data-testid={testid} data-value={yes ? 'yes' : 'no'}>
      {t(yes ? 'registry.yes' : 'registry.no')}
    </span>
  );
}

function Row({ elder, selected, onSelect }: { elder: Elder; selected: boolean; onSelect: (elder: Elder) => void }) {
  const sexAge = [elder.sex ? label(SEX_LABELS, elder.sex) : null, elder.age !== null ? t('elder.ageYears', { age: elder.age }) : null].filter(Boolean).join(' · ');
  return (
    <tr
      class={selected ? 'registry-row selected' : 'registry-row'}
      data-testid="registry-row"
      data-elder-id={elder.id}
      aria-selected={selected}
      tabIndex={0}
      onClick={() => onSelect(elder)}
      onKeyDown={(ev) => {
        if (ev.key === 'Enter' || ev.key === ' ') {
          ev.preventDefault();
          onSelect(elder);
        }
      }}
    >
      <td>
        <Typed class="elder-name" value={elder.name} />
      </td>
      <td class="sex-age">
        {sexAge}
        {elder.veryOld ? <span class="group-chip group-chip-derived">{t('elder.veryOld')}</span> : null}
      </td>
      <td>
        <span class="group-chips" data-testid="registry-row-groups">
          {elder.groups.map((g) => (
            <span key={g} class="group-chip">
              {label(ELDER_GROUP_LABELS, g)}
            </span>
          ))}
        </span>
      </td>
      <td>
        <Typed class="region-name" value={regions.value.get(elder.regionId)?.name ?? ''} />
      </td>
      <td>{elder.assessment ? label(ASSESSMENT_LEVEL_LABELS, elder.assessment.level) : ''}</td>
      <td>
        <YesNo yes={elder.contacts.some((c) => c.guardian)} testid="registry-row-guardian" />
      </td>
      <td>
        <YesNo yes={elder.consent !== null} testid="registry-row-consent" />
      </td>
    </tr>
  );
}

export function ElderTable({ items, selectedId, stale, onSelect }: { items: Elder[]; selectedId: string | null; stale: boolean; onSelect: (elder: Elder) => void }) {
  return (
    <table class={stale ? 'registry-table stale' : 'registry-table'} data-testid="registry-table">
      <thead>
        <tr>
          <th>{t('registry.col.name')}</th>
          <th>{t('registry.col.sexAge')}</th>
          <th>{t('registry.col.groups')}</th>
          <th>{t('registry.col.community')}</th>
          <th>{t('registry.col.assessment')}</th>
          <th>{t('registry.col.guardian')}</th>
          <th>{t('registry.col.consent')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((elder) => (
          <Row key={elder.id} elder={elder} selected={elder.id === selectedId} onSelect={onSelect} />
        ))}
      </tbody>
    </table>
  );
}
