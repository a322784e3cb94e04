// The elder's record with every field (issue 21), to create one or change one: who the elder is (name, ID number
// shown masked, birth date and sex, which the ID number gives when they are left empty), where (address,
// community, coordinates with map links to check them), the groups and the capability assessment, the contacts with
// one legal guardian, the consent to monitoring and the notes. Every refusal is said in words beside its field. One
// column on a phone; the desk's quick form for a caller (calls/RegisterElderDialog.tsx) stays as it is.

import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ASSESSMENT_LEVELS, ASSESSMENT_LEVEL_LABELS, CONSENT_RELATIONS, CONSENT_RELATION_LABELS, SEXES, SEX_LABELS, type Elder } from '../../../../../schemas/index.js';
import type { MessageRef } from '../../../shared/api.js';
import { lang, t } from '../../../shared/i18n.js';
import { communitiesIn, lowestLevelOf } from '../../../model/region-tree.js';
import { me, regions } from '../../state/desk-state.js';
import { levelName, regionLevels } from '../../state/region-levels.js';
import { createElder, updateElder } from '../registry-request.js';
import { ContactsField } from './ContactsField.js';
import { placeError, type RecordField } from './field-errors.js';
import { FieldError, type FieldErrors } from './FieldError.js';
import { GroupChoice } from './GroupChoice.js';
import { LocationField } from './LocationField.js';
import { bodyOf, emptyForm, formOf, fromIdNumber, type RecordForm } from './record-form.js';

interface ElderFormProps {
  /** null: a new elder. */
  elder: Elder | null;
  onSaved: (elder: Elder) => void;
  onCancel: () => void;
}

function Section({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <fieldset class="record-section">
      <legend>{title}</legend>
      {children}
    </fieldset>
  );
}

export function ElderForm({ elder, onSaved, onCancel }: ElderFormProps) {
  const scopeId = me.value?.regionId ?? '';
  const communities = communitiesIn([...regions.value.values()], scopeId, lowestLevelOf(regionLevels.value));
  const [form, setForm] = useState<RecordForm>(() => (elder ? formOf(elder) : emptyForm(communities.length === 1 ? (communities[0]?.id ?? '') : '')));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<MessageRef | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const change = (next: Partial<RecordForm>) => {
    setForm((before) => ({ ...before, ...next }));
    setSaved(false);
  };
  const derived = form.idNumber.trim() !== '' ? fromIdNumber(form.idNumber) : null;
  const derivedText = derived && (form.birthDate === '' || form.sex === '') ? `${derived.birthDate} · ${SEX_LABELS[derived.sex][lang.value]}` : null;

  async function save(ev: SubmitEvent) {
    ev.preventDefault();
    const { body, problems } = bodyOf(form, elder);
    const found = Object.entries(problems) as Array<[RecordField, string]>;
    if (found.length > 0) {
      setErrors(Object.fromEntries(found.map(([field, key]) => [field, [key]])));
      setFormError(['record.error.form']);
      return;
    }
    setBusy(true);
    setErrors({});
    setFormError(null);
    try {
      const reply = elder ? await updateElder(elder.id, body) : await createElder(body);
      setForm(formOf(reply));
      setSaved(true);
      onSaved(reply);
    } catch (err) {
      const placed = placeError(err);
      if (placed.field) setErrors({ [placed.field]: placed.message });
      setFormError(placed.field ? ['record.error.form'] : placed.message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="record-form" data-testid="record-form" noValidate onSubmit={(ev) => void save(ev)}>
      <h3>{elder ? t('record.headingEdit', { name: elder.name }) : t('record.headingNew')}</h3>
      <Section title={t('record.section.identity')}>
        <div class="record-row">
          <label>
            <span>{t('record.name')}</span>
            <input data-testid="record-name" required maxLength={100} value={form.name} onInput={(ev) => change({ name: ev.currentTarget.value })} />
            <FieldError field="name" errors={errors} />
          </label>
          <label>
            <span>{t('record.idNumber')}</span>
            <input
              data-testid="record-id-number"
              maxLength={18}
              autoComplete="off"
              placeholder={elder?.idNumberMasked ?? t('record.idNumberHint')}
              value={form.idNumber}
              onInput={(ev) => change({ idNumber: ev.currentTarget.value })}
            />
            {elder?.idNumberMasked ? <span class="field-hint">{t('record.idNumberKept', { masked: elder.idNumberMasked })}</span> : null}
            <FieldError field="idNumber" errors={errors} />
          </label>
        </div>
        <div class="record-row">
          <label>
            <span>{t('record.birthDate')}</span>
            <input type="date" data-testid="record-birth-date" value={form.birthDate} onInput={(ev) => change({ birthDate: ev.currentTarget.value })} />
            <FieldError field="birthDate" errors={errors} />
          </label>
          <label>
            <span>{t('record.sex')}</span>
            <select data-testid="record-sex" value={form.sex} onChange={(ev) => change({ sex: ev.currentTarget.value as RecordForm['sex'] })}>
              <option value="">{t('record.sexUnknown')}</option>
              {SEXES.map((s) => (
                <option key={s} value={s}>
                  {SEX_LABELS[s][lang.value]}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('record.phone')}</span>
            <input data-testid="record-phone" inputMode="tel" maxLength={40} value={form.phone} onInput={(ev) => change({ phone: ev.currentTarget.value })} />
            <FieldError field="phone" errors={errors} />
          </label>
        </div>
        {derivedText ? (
          <p class="field-hint derived" data-testid="record-derived">
            {t('record.fromIdNumber', { value: derivedText })}
          </p>
        ) : null}
      </Section>

      <Section title={t('record.section.place')}>
        <div class="record-row">
          <label class="wide">
            <span>{t('record.address')}</span>
            <input data-testid="record-address" required maxLength={300} value={form.address} onInput={(ev) => change({ address: ev.currentTarget.value })} />
            <FieldError field="address" errors={errors} />
          </label>
          <label>
            <span>{levelName(lowestLevelOf(regionLevels.value))}</span>
            <select data-testid="record-region" value={form.regionId} onChange={(ev) => change({ regionId: ev.currentTarget.value })}>
              {form.regionId === '' || !communities.some((c) => c.id === form.regionId) ? <option value={form.regionId}>{regions.value.get(form.regionId)?.name ?? '—'}</option> : null}
              {communities.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.label}
                </option>
              ))}
            </select>
            <FieldError field="regionId" errors={errors} />
          </label>
        </div>
        <span class="field-label">{t('record.location')}</span>
        <LocationField lat={form.lat} lng={form.lng} name={form.name} address={form.address} onChange={(point) => change(point)} />
        <FieldError field="location" errors={errors} />
      </Section>

      <Section title={t('record.section.care')}>
        <span class="field-label">{t('record.groups')}</span>
        <GroupChoice chosen={form.groups} veryOld={elder?.veryOld ?? false} onChange={(groups) => change({ groups })} />
        <FieldError field="groups" errors={errors} />
        <div class="record-row">
          <label>
            <span>{t('record.assessmentLevel')}</span>
            <select data-testid="record-assessment-level" value={form.assessmentLevel} onChange={(ev) => change({ assessmentLevel: ev.currentTarget.value })}>
              <option value="">{t('record.assessmentNone')}</option>
              {ASSESSMENT_LEVELS.map((level) => (
                <option key={level} value={level}>
                  {ASSESSMENT_LEVEL_LABELS[level][lang.value]}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('record.assessedOn')}</span>
            <input type="date" data-testid="record-assessed-on" value={form.assessedOn} onInput={(ev) => change({ assessedOn: ev.currentTarget.value })} />
          </label>
          <label>
            <span>{t('record.assessor')}</span>
            <input data-testid="record-assessor" maxLength={40} value={form.assessor} onInput={(ev) => change({ assessor: ev.currentTarget.value })} />
          </label>
        </div>
        <FieldError field="assessment" errors={errors} />
      </Section>

      <Section title={t('record.section.contacts')}>
        <ContactsField contacts={form.contacts} guardian={form.guardian} onChange={(contacts, guardian) => change({ contacts, guardian })} />
        <FieldError field="contacts" errors={errors} />
      </Section>

      <Section title={t('record.section.consent')}>
        <div class="record-row">
          <label>
            <span>{t('record.consentGivenOn')}</span>
            <input type="date" data-testid="record-consent-on" value={form.consentGivenOn} onInput={(ev) => change({ consentGivenOn: ev.currentTarget.value })} />
          </label>
          <label>
            <span>{t('record.consentGivenBy')}</span>
            <input data-testid="record-consent-by" maxLength={40} value={form.consentGivenBy} onInput={(ev) => change({ consentGivenBy: ev.currentTarget.value })} />
          </label>
          <label>
            <span>{t('record.consentRelation')}</span>
            <select data-testid="record-consent-relation" value={form.consentRelation} onChange={(ev) => change({ consentRelation: ev.currentTarget.value })}>
              <option value="">{t('record.consentNone')}</option>
              {CONSENT_RELATIONS.map((r) => (
                <option key={r} value={r}>
                  {CONSENT_RELATION_LABELS[r][lang.value]}
                </option>
              ))}
            </select>
          </label>
        </div>
        <FieldError field="consent" errors={errors} />
      </Section>

      <Section title={t('record.section.notes')}>
        <label class="wide">
          <span>{t('record.medicalNotes')}</span>
          <textarea data-testid="record-medical" rows={2} maxLength={4000} value={form.medicalNotes} onInput={(ev) => change({ medicalNotes: ev.currentTarget.value })} />
        </label>
        <label class="wide">
          <span>{t('record.accessNotes')}</span>
          <textarea data-testid="record-access" rows={2} maxLength={2000} value={form.accessNotes} onInput={(ev) => change({ accessNotes: ev.currentTarget.value })} />
        </label>
      </Section>

      <p class="form-error" data-testid="record-form-error" role="alert" hidden={!formError}>
        {formError ? t(formError[0], formError[1]) : ''}
      </p>
      <div class="record-actions">
        {saved ? (
          <span class="record-saved" data-testid="record-saved" role="status">
            {t('record.saved')}
          </span>
        ) : null}
        <button type="button" data-testid="record-cancel" onClick={onCancel}>
          {t('record.cancel')}
        </button>
        <button type="submit" class="primary" data-testid="record-save" disabled={busy}>
          {busy ? t('record.saving') : elder ? t('record.save') : t('record.create')}
        </button>
      </div>
    </form>
  );
}
