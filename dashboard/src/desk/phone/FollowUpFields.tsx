// What the service and complaint buttons ask before they go: the service (六助 and 助购, 代办, 精神慰藉) as large
// choices, or what the complaint is about and what was said.

import { CALL_CATEGORIES, COMPLAINT_SUBJECTS, SERVICE_TYPES, type CallCategory, type ServiceType } from '../../../../schemas/index.js';
import type { ComplaintSubject } from '../../shared/api.js';
import { t } from '../../shared/i18n.js';
import { categoryLabel } from './call-labels.js';

/** The question key of the green button is not a service the desk sends anyone for. */
const SERVICES = SERVICE_TYPES.filter((s) => s !== 'question');

export function CategoryChoice({ value, onChange }: { value: CallCategory | null; onChange: (category: CallCategory) => void }) {
  return (
    <fieldset class="choice-row" data-testid="call-category">
      <legend>{t('phone.category')}</legend>
      {CALL_CATEGORIES.map((category) => (
        <label key={category} class={value === category ? 'choice chosen' : 'choice'}>
          <input type="radio" name="category" value={category} checked={value === category} onChange={() => onChange(category)} />
          {categoryLabel(category)}
        </label>
      ))}
    </fieldset>
  );
}

export function ServiceChoice({ value, onChange }: { value: ServiceType | null; onChange: (service: ServiceType) => void }) {
  return (
    <fieldset class="choice-row" data-testid="service-choice">
      <legend>{t('phone.service')}</legend>
      {SERVICES.map((service) => (
        <label key={service} class={value === service ? 'choice chosen' : 'choice'}>
          <input type="radio" name="service" value={service} checked={value === service} onChange={() => onChange(service)} />
          {t(`service.${service}`)}
        </label>
      ))}
    </fieldset>
  );
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
          {COMPLAINT_SUBJECTS.map((s) => (
            <option key={s} value={s}>
              {t(`complaintSubject.${s}`)}
            </option>
          ))}
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
