// The call form under the caller: the line and direction, the category, who called when no elder is chosen, the
// note, and the buttons for what follows — a P1 alert now, a service request, a complaint, or just the record.
// Errors from the gateway are said plainly in the panel; a call saved before what followed it failed is kept, so
// the next try only does what is left. An outbound call says how it ended; a phone check (电话问候) of an elder
// whose monthly visit is open may count as that visit. When something is left once the call is saved (the visit
// was refused, the caller is nobody registered yet), the panel stays on it (AfterCall) instead of closing.

import { useState } from 'preact/hooks';
import { CALL_DIRECTIONS, CALL_LINES, type CallCategory, type CallDirection, type CallLine, type CallOutcome, type ElderLookupItem, type ServiceType } from '../../../../schemas/index.js';
import type { MessageRef } from '../../shared/api.js';
import { formatTime, t } from '../../shared/i18n.js';
import { CodeOptions } from '../../shared/ui/CodeOptions.js';
import { FormError } from '../../shared/ui/FormError.js';
import { showNotice } from '../state/desk-state.js';
import { finishPhoneCall, type PhonePanelOpening } from '../state/phone-state.js';
import { AfterCall, somethingLeft } from './AfterCall.js';
import { draftProblem, followUpCall, saveCall, type CallDraft, type FollowUp, type SavedCall } from './call-actions.js';
import { directionLabel, lineLabel } from './call-labels.js';
import { CategoryChoice, ComplaintFields, OutcomeChoice, ServiceChoice, type ComplaintDraft } from './FollowUpFields.js';
import { usePhoneAction } from './use-phone-action.js';
import { useOpenVisit, VisitOption } from './VisitOption.js';

type Mode = 'form' | 'service' | 'complaint';

export function CallForm({ opening, number, elder }: { opening: PhonePanelOpening; number: string; elder: ElderLookupItem | null }) {
  const [line, setLine] = useState<CallLine>(opening.line ?? '12349');
  const [direction, setDirection] = useState<CallDirection>('inbound');
  const [category, setCategory] = useState<CallCategory | null>(null);
  const [callerName, setCallerName] = useState('');
  const [address, setAddress] = useState('');
  const [note, setNote] = useState('');
  const [mode, setMode] = useState<Mode>('form');
  const [service, setService] = useState<ServiceType | null>(null);
  const [complaint, setComplaint] = useState<ComplaintDraft>({ subject: 'service', subjectName: '', statement: '' });
  const { busy, error, refuse, run } = usePhoneAction();
  const [saved, setSaved] = useState<SavedCall | null>(null);
  const [outcome, setOutcome] = useState<CallOutcome | null>(null);
  const [countAsVisit, setCountAsVisit] = useState(false);
  const [after, setAfter] = useState<{ saved: SavedCall; done: MessageRef } | null>(null);
  const openVisit = useOpenVisit(elder?.id ?? null);
  // the phone check (电话问候) of an elder whose monthly visit is still open
  const visit = direction === 'outbound' && category === 'wellbeing' ? openVisit : null;

  const draft: CallDraft = {
    number,
    elder,
    line,
    direction,
    category,
    callerName,
    address,
    note,
    externalId: opening.externalId,
    outcome: direction === 'outbound' ? outcome : null,
    visitTaskId: visit && countAsVisit ? visit.id : null,
  };

  async function submit(followUp: FollowUp) {
    const problem = draftProblem(draft, followUp);
    if (problem) return refuse(problem);
    await run(async () => {
      const record = saved ?? (await saveCall(draft, followUp));
      setSaved(record);
      const done = await followUpCall(record.call, draft, followUp);
      if (somethingLeft(record.call, record.visitRefused)) {
        setAfter({ saved: record, done });
        return;
      }
      showNotice(done[0], done[1]);
      finishPhoneCall();
    });
  }

  if (after) return <AfterCall call={after.saved.call} done={after.done} visitRefused={after.saved.visitRefused} />;

  return (
    <>
      <form class="call-form" data-testid="call-form" onSubmit={(ev) => ev.preventDefault()}>
        <div class="form-row">
          <label>
            {t('phone.line')}
            <select data-testid="call-line" value={line} onChange={(ev) => setLine(ev.currentTarget.value as CallLine)}>
              <CodeOptions codes={CALL_LINES} labelOf={lineLabel} />
            </select>
          </label>
          <label>
            {t('phone.direction')}
            <select data-testid="call-direction" value={direction} onChange={(ev) => setDirection(ev.currentTarget.value as CallDirection)}>
              <CodeOptions codes={CALL_DIRECTIONS} labelOf={directionLabel} />
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
        {direction === 'outbound' ? <OutcomeChoice value={outcome} onChange={setOutcome} /> : null}
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
        {/* beside 仅记录, which saves it: the operator sees what the save will complete */}
        {mode === 'form' && visit ? <VisitOption visit={visit} checked={countAsVisit} onChange={setCountAsVisit} /> : null}
        {saved ? (
          <p class="phone-saved" data-testid="call-saved">
            {t('phone.savedPartly', { time: formatTime(saved.call.startedAt) })}
          </p>
        ) : null}
        <FormError error={error} testid="phone-error" />
        {mode === 'form' ? (
          <div class="call-actions">
            <button type="button" class="raise-p1" data-testid="call-alert" disabled={busy} title={elder ? undefined : t('phone.error.needsElder')} onClick={() => void submit({ kind: 'alert' })}>
              {t('phone.raiseP1')}
            </button>
            <button type="button" data-testid="call-service" disabled={busy} onClick={() => (setMode('service'), refuse(null))}>
              {t('phone.serviceRequest')}
            </button>
            <button
              type="button"
              data-testid="call-complaint"
              disabled={busy}
              onClick={() => {
                setMode('complaint');
                refuse(null);
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
            <button type="button" data-testid="follow-up-back" disabled={busy} onClick={() => (setMode('form'), refuse(null))}>
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
