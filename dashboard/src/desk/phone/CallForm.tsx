// The call form under the caller: the line and direction, the category, who called when no elder is chosen, the
// note, and the buttons for what follows — a P1 alert now, a service request, a complaint, or just the record.
// Errors from the gateway are said plainly in the panel; a call saved before what followed it failed is kept, so
// the next try only does what is left.

import { useState } from 'preact/hooks';
import { CALL_LINES, type CallCategory, type CallLine, type CallView, type ElderLookupItem, type ServiceType } from '../../../../schemas/index.js';
import type { MessageRef } from '../../shared/api.js';
import { formatTime, t } from '../../shared/i18n.js';
import { showNotice } from '../state/desk-state.js';
import { finishPhoneCall, type PhonePanelOpening } from '../state/phone-state.js';
import { draftProblem, followUpCall, saveCall, type CallDraft, type FollowUp } from './call-actions.js';
import { directionLabel, lineLabel } from './call-labels.js';
import { CategoryChoice, ComplaintFields, ServiceChoice, type ComplaintDraft } from './FollowUpFields.js';
import { phoneErrorMessage } from './phone-request.js';

type Mode = 'form' | 'service' | 'complaint';

export function CallForm({ opening, number, elder }: { opening: PhonePanelOpening; number: string; elder: ElderLookupItem | null }) {
  const [line, setLine] = useState<CallLine>(opening.line ?? '12349');
  const [direction, setDirection] = useState<'inbound' | 'outbound'>('inbound');
  const [category, setCategory] = useState<CallCategory | null>(null);
  const [callerName, setCallerName] = useState('');
  const [address, setAddress] = useState('');
  const [note, setNote] = useState('');
  const [mode, setMode] = useState<Mode>('form');
  const [service, setService] = useState<ServiceType | null>(null);
  const [complaint, setComplaint] = useState<ComplaintDraft>({ subject: 'service', subjectName: '', statement: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<MessageRef | null>(null);
  const [saved, setSaved] = useState<CallView | null>(null);

  const draft: CallDraft = { number, elder, line, direction, category, callerName, address, note, externalId: opening.externalId };

  async function submit(followUp: FollowUp) {
    const problem = draftProblem(draft, followUp);
    if (problem) {
      setError(problem);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const call = saved ?? (await saveCall(draft, followUp));
      setSaved(call);
      const done = await followUpCall(call, draft, followUp);
      showNotice(done[0], done[1]);
      finishPhoneCall();
    } catch (err) {
      setError(phoneErrorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <form class="call-form" data-testid="call-form" onSubmit={(ev) => ev.preventDefault()}>
        <div class="form-row">
          <label>
            {t('phone.line')}
            <select data-testid="call-line" value={line} onChange={(ev) => setLine(ev.currentTarget.value as CallLine)}>
              {CALL_LINES.map((l) => (
                <option key={l} value={l}>
                  {lineLabel(l)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('phone.direction')}
            <select data-testid="call-direction" value={direction} onChange={(ev) => setDirection(ev.currentTarget.value as 'inbound' | 'outbound')}>
              <option value="inbound">{directionLabel('inbound')}</option>
              <option value="outbound">{directionLabel('outbound')}</option>
            </select>
          </label>
        </div>
        {elder ? null : (
          <div class="form-row">
            <label>
              {t('phone.callerName')}
              <input data-testid="call-caller-name" maxLength={100} value={callerName} onInput={(ev) => setCallerName(ev.currentTarget.value)} />
            </label>
            <label>
              {t('phone.address')}
              <input data-testid="call-address" maxLength={300} value={address} onInput={(ev) => setAddress(ev.currentTarget.value)} />
            </label>
          </div>
        )}
        <CategoryChoice value={category} onChange={setCategory} />
        <label>
          {t('phone.note')}
          <textarea data-testid="call-note" rows={2} maxLength={4000} value={note} onInput={(ev) => setNote(ev.currentTarget.value)} />
        </label>

      </form>
      {/* stuck to the panel's bottom: the buttons and their answer stay in sight however long the record above */}
      <div class="call-bar">
        {/* what the chosen follow-up asks, beside its confirm button */}
        {mode === 'service' ? <ServiceChoice value={service} onChange={setService} /> : null}
        {mode === 'complaint' ? <ComplaintFields value={complaint} onChange={setComplaint} /> : null}
        {saved ? (
          <p class="phone-saved" data-testid="call-saved">
            {t('phone.savedPartly', { time: formatTime(saved.startedAt) })}
          </p>
        ) : null}
        <p class="form-error" data-testid="phone-error" role="alert" hidden={!error}>
          {error ? t(error[0], error[1]) : ''}
        </p>
        {mode === 'form' ? (
          <div class="call-actions">
            <button type="button" class="raise-p1" data-testid="call-alert" disabled={busy} title={elder ? undefined : t('phone.error.needsElder')} onClick={() => void submit({ kind: 'alert' })}>
              {t('phone.raiseP1')}
            </button>
            <button type="button" data-testid="call-service" disabled={busy} onClick={() => (setMode('service'), setError(null))}>
              {t('phone.serviceRequest')}
            </button>
            <button
              type="button"
              data-testid="call-complaint"
              disabled={busy}
              onClick={() => {
                setMode('complaint');
                setError(null);
                if (complaint.statement === '') setComplaint({ ...complaint, statement: note });
              }}
            >
              {t('phone.recordComplaint')}
            </button>
            <button type="button" class="primary" data-testid="call-save" disabled={busy} onClick={() => void submit({ kind: 'none' })}>
              {t('phone.saveOnly')}
            </button>
          </div>
        ) : (
          <div class="call-actions">
            <button type="button" data-testid="follow-up-back" disabled={busy} onClick={() => (setMode('form'), setError(null))}>
              {t('form.back')}
            </button>
            <button
              type="button"
              class="primary"
              data-testid={mode === 'service' ? 'service-confirm' : 'complaint-confirm'}
              disabled={busy || (mode === 'service' && service === null)}
              onClick={() => void submit(mode === 'service' && service ? { kind: 'service', service } : { kind: 'complaint', ...complaint })}
            >
              {t(mode === 'service' ? 'phone.confirmService' : 'phone.confirmComplaint')}
            </button>
          </div>
        )}
      </div>
    </>
  );
}
