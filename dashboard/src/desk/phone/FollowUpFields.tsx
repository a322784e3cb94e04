// The call form's choices: the category, how an outbound call ended, and what the service and complaint buttons
// ask before they go: the service (六助 and 助购, 代办, 精神慰藉) as large choices, or what the complaint is about and
// what was said.

import { CALL_CATEGORIES, CALL_OUTCOMES, COMPLAINT_SUBJECTS, SERVICE_TYPES, type CallCategory, type CallOutcome, type ServiceType } from '../../../../schemas/index.js';
import type { ComplaintSubject } from '../../shared/api.js';
import { t } from '../../shared/i18n.js';
import { CodeOptions } from '../../shared/ui/CodeOptions.js';
import { categoryLabel, outcomeLabel } from './call-labels.js';

/** The question key of the green button is not a service the desk sends anyone for. */
const SERVICES = SERVICE_TYPES.filter((s) => s !== 'question');

/** One choice of a few codes as large radio buttons (the category, the service, how an outbound call ended). */
function ChoiceRow<C extends string>({ testid, name, legend, codes, labelOf, value, onChange }: { testid: string; name: string; legend: string; codes: readonly C[]; labelOf: (code: C) => string; value: C | null; onChange: (code: C) => void }) {
  return (
    <fieldset class="choice-row" data-testid={testid}>
      <legend>{legend}</legend>
      {codes.map((code) => (
        <label key={code} class={value === code ? 'choice chosen' : 'choice'}>
          <input type="radio" name={name} value={code} checked={value === code} onChange={() => onChange(code)} />
          {labelOf(code)}
        </label>
      ))}
    </fieldset>
  );
}

export function CategoryChoice({ value, onChange }: { value: CallCategory | null; onChange: (category: CallCategory) => void }) {
  return <ChoiceRow testid="call-category" name="category" legend={t('phone.category')} codes={CALL_CATEGORIES} labelOf={categoryLabel} value={value} onChange={onChange} />;
}

export function ServiceChoice({ value, onChange }: { value: ServiceType | null; onChange: (service: ServiceType) => void }) {
  return <ChoiceRow testid="service-choice" name="service" legend={t('phone.service')} codes={SERVICES} labelOf={(service) => t(`service.${service}`)} value={value} onChange={onChange} />;
}

/** How an outbound call ended (接通, 无人接听, 占线, 号码错误). */
export function OutcomeChoice({ value, onChange }: { value: CallOutcome | null; onChange: (outcome: CallOutcome) => void }) {
  return <ChoiceRow testid="call-outcome" name="outcome" legend={t('phone.outcome')} codes={CALL_OUTCOMES} labelOf={outcomeLabel} value={value} onChange={onChange} />;
}

export interface ComplaintDraft {
  subject: ComplaintSubject;
  subjectName: string;
  statement: string;
}

export function ComplaintFields({ value, onChange }: { value: ComplaintDraft; onChange: (next: ComplaintDraft) => void }) {
  return (
    <div class="complaint-fields" data-testid="complaint-fields">
      <label>
        {t('complaints.subject')}
        <select data-testid="complaint-subject" value={value.subject} onChange={(ev) => onChange({ ...value, subject: ev.currentTarget.value as ComplaintSubject })}>
          <CodeOptions codes={COMPLAINT_SUBJECTS} labelOf={(subject) => t(`complaintSubject.${subject}`)} />
        </select>
      </label>
      <label>
        {t('complaints.subjectName')}
        <input data-testid="complaint-subject-name" maxLength={200} value={value.subjectName} onInput={(ev) => onChange({ ...value, subjectName: ev.currentTarget.value })} />
      </label>
      <label class="wide">
        {t('complaints.statement')}
        <textarea data-testid="complaint-statement" rows={3} maxLength={4000} value={value.statement} onInput={(ev) => onChange({ ...value, statement: ev.currentTarget.value })} />
      </label>
    </div>
  );
}
