// One row of the visit policy: whom it is for (a group or 任何, an assessment level or 任何), how often, and the ways of
// visiting that count. Read-only as text, or as inputs for an admin editing the table, with the row's problem said
// under it in words (no mode, a row for nobody in particular, the same group and level twice).

import { ASSESSMENT_LEVELS, VISIT_FREQUENCIES, VISIT_FREQUENCY_LABELS, VISIT_MODES, VISIT_POLICY_SUBJECTS, type VisitPolicyRule } from '../../../../../schemas/index.js';
import { lang, t } from '../../../shared/i18n.js';
import { assessmentLabel, modeLabel, subjectLabel } from '../../../shared/visit/visit-task.js';
import type { DraftRule, RuleProblem } from './policy-draft.js';

const frequencyLabel = (frequency: VisitPolicyRule['frequency']) => VISIT_FREQUENCY_LABELS[frequency][lang.value];

export function ReadOnlyRow({ rule, index }: { rule: VisitPolicyRule; index: number }) {
  return (
    <tr data-testid="policy-row" data-index={index}>
      <td data-testid="policy-row-group">{rule.group === null ? t('visits.policy.any') : subjectLabel(rule.group)}</td>
      <td data-testid="policy-row-level">{rule.assessmentLevel === null ? t('visits.policy.any') : assessmentLabel(rule.assessmentLevel)}</td>
      <td data-testid="policy-row-frequency">{frequencyLabel(rule.frequency)}</td>
      <td data-testid="policy-row-modes">
        {VISIT_MODES.map((mode) => (
          <span key={mode} class={rule.modes.includes(mode) ? 'mode-chip counts' : 'mode-chip'} data-mode={mode} data-counts={String(rule.modes.includes(mode))}>
            {rule.modes.includes(mode) ? '✓ ' : ''}
            {modeLabel(mode)}
          </span>
        ))}
      </td>
      <td />
    </tr>
  );
}

interface EditRowProps {
  rule: DraftRule;
  index: number;
  problem: RuleProblem | null;
  onChange: (rule: DraftRule) => void;
  onRemove: () => void;
}

export function EditRow({ rule, index, problem, onChange, onRemove }: EditRowProps) {
  const errorId = `policy-row-error-${rule.key}`;
  const row = (
    <tr key={rule.key} data-testid="policy-row" data-index={index} class={problem ? 'has-problem' : undefined}>
      <td>
        <select data-testid="policy-row-group" aria-label={t('visits.policy.col.group')} aria-describedby={problem ? errorId : undefined} value={rule.group ?? ''} onChange={(ev) => onChange({ ...rule, group: (ev.currentTarget.value || null) as DraftRule['group'] })}>
          <option value="">{t('visits.policy.any')}</option>
          {VISIT_POLICY_SUBJECTS.map((subject) => (
            <option key={subject} value={subject}>
              {subjectLabel(subject)}
            </option>
          ))}
        </select>
      </td>
      <td>
        <select data-testid="policy-row-level" aria-label={t('visits.policy.col.level')} value={rule.assessmentLevel ?? ''} onChange={(ev) => onChange({ ...rule, assessmentLevel: (ev.currentTarget.value || null) as DraftRule['assessmentLevel'] })}>
          <option value="">{t('visits.policy.any')}</option>
          {ASSESSMENT_LEVELS.map((level) => (
            <option key={level} value={level}>
              {assessmentLabel(level)}
            </option>
          ))}
        </select>
      </td>
      <td>
        <select data-testid="policy-row-frequency" aria-label={t('visits.policy.col.frequency')} value={rule.frequency} onChange={(ev) => onChange({ ...rule, frequency: ev.currentTarget.value as DraftRule['frequency'] })}>
          {VISIT_FREQUENCIES.map((frequency) => (
            <option key={frequency} value={frequency}>
              {frequencyLabel(frequency)}
            </option>
          ))}
        </select>
      </td>
      <td>
        <span class="mode-checks" role="group" aria-label={t('visits.policy.col.modes')}>
          {VISIT_MODES.map((mode) => (
            <label key={mode} class="mode-check">
              <input
                type="checkbox"
                data-testid={`policy-row-mode-${mode}`}
                checked={rule.modes.includes(mode)}
                onChange={(ev) => onChange({ ...rule, modes: ev.currentTarget.checked ? VISIT_MODES.filter((m) => m === mode || rule.modes.includes(m)) : rule.modes.filter((m) => m !== mode) })}
              />
              {modeLabel(mode)}
            </label>
          ))}
        </span>
      </td>
      <td class="view-cell">
        <button type="button" class="small" data-testid="policy-row-remove" onClick={onRemove}>
          {t('visits.policy.remove')}
        </button>
      </td>
    </tr>
  );
  if (!problem) return row;
  return (
    <>
      {row}
      <tr class="rule-problem" key={`${rule.key}:problem`}>
        <td colSpan={5} id={errorId} role="alert" data-testid="policy-row-error" data-code={problem}>
          {t(`visits.policy.error.${problem}`)}
        </td>
      </tr>
    </>
  );
}
