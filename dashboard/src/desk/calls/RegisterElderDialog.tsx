// Registers a caller nobody knew as a new elder, from the call (POST /calls/:id/register-elder): the name, address
// and number the call recorded are filled in and may be corrected; the community is chosen among those of the
// operator's region (the only one is chosen already). The rest of the record — contacts, care profile, devices —
// is added later in the registry. Opened from the call log and from the incoming-call panel after saving.

import { useState } from 'preact/hooks';
import type { CallView, Elder } from '../../../../schemas/index.js';
import { listRegions, registerElderFromCall, type MessageRef } from '../../shared/api.js';
import { t } from '../../shared/i18n.js';
import { CodeOptions } from '../../shared/ui/CodeOptions.js';
import { FormError } from '../../shared/ui/FormError.js';
import { Typed } from '../../shared/ui/Typed.js';
import { useModal } from '../../shared/ui/use-modal.js';
import { LoadStatus } from '../detail/LoadStatus.js';
import { useLoad } from '../detail/use-load.js';
import { withSession } from '../phone/phone-request.js';
import { usePhoneAction } from '../phone/use-phone-action.js';
import { me } from '../state/desk-state.js';
import { levelName } from '../state/region-levels.js';
import { communitiesIn, lowestLevelOf, type Community } from '../../model/region-tree.js';

/** Where it lives now (model/region-tree.ts); kept here for the screens that import it from the dialog. */
export { communitiesIn } from '../../model/region-tree.js';

function RegionChoice({ communities, level, value, onChange }: { communities: Community[]; level: string; value: string; onChange: (id: string) => void }) {
  if (communities.length === 0) return <p class="dialog-hint">{t('calls.registerNoCommunity')}</p>;
  const names = new Map(communities.map((c) => [c.id, c.label]));
  return (
    <label>
      {levelName(level)}
      <select data-testid="register-region" required value={value} onChange={(ev) => onChange(ev.currentTarget.value)}>
        <CodeOptions codes={communities.map((c) => c.id)} labelOf={(id) => names.get(id) ?? id} placeholder={communities.length > 1} />
      </select>
    </label>
  );
}

interface RegisterElderDialogProps {
  call: CallView;
  onRegistered: (reply: { call: CallView; elder: Elder }) => void;
  onClose: () => void;
}

export function RegisterElderDialog({ call, onRegistered, onClose }: RegisterElderDialogProps) {
  const ref = useModal();
  const [name, setName] = useState(call.callerName ?? '');
  const [address, setAddress] = useState(call.address ?? '');
  const [phone, setPhone] = useState(call.callerNumber ?? '');
  const [chosen, setChosen] = useState<string | null>(null);
  const { busy, error, refuse, run } = usePhoneAction();
  const scopeId = me.value?.regionId ?? null;
  const regions = useLoad(scopeId ? `regions:${scopeId}` : null, (session) => listRegions(session));
  const lowest = regions.state === 'ok' ? lowestLevelOf(regions.value.levels ?? []) : 'community';
  const communities = regions.state === 'ok' && scopeId ? communitiesIn(regions.value.items, scopeId, lowest) : [];
  // the only community of the region is the one; among several the operator chooses
  const regionId = chosen ?? (communities.length === 1 ? (communities[0]?.id ?? '') : '');

  async function register(ev: SubmitEvent) {
    ev.preventDefault();
    const missing: MessageRef | null =
      name.trim() === '' || address.trim() === '' ? ['phone.error.callerDetailsMissing'] : communities.length > 0 && regionId === '' ? ['form.required'] : null;
    if (missing) return refuse(missing);
    const body = { name: name.trim(), address: address.trim(), ...(phone.trim() ? { phone: phone.trim() } : {}), ...(regionId ? { regionId } : {}) };
    await run(async () => {
      const reply = await withSession((session) => registerElderFromCall(session, call.id, body));
      onRegistered(reply);
      onClose();
    });
  }

  return (
    <dialog ref={ref} class="form-dialog register-dialog" data-testid="register-dialog" onClose={onClose}>
      {/* the form's own check, not the browser's: its words are in the desk's language */}
      <form noValidate onSubmit={(ev) => void register(ev)}>
        <h2>{t('calls.registerHeading')}</h2>
        <p class="dialog-for">
          <Typed value={[call.callerName, call.address, call.callerNumber].filter(Boolean).join(' · ')} />
        </p>
        <p class="dialog-hint">{t('calls.registerHint')}</p>
        <label>
          {t('calls.registerName')}
          <input data-testid="register-name" required maxLength={100} value={name} onInput={(ev) => setName(ev.currentTarget.value)} />
        </label>
        <label>
          {t('calls.registerAddress')}
          <input data-testid="register-address" required maxLength={300} value={address} onInput={(ev) => setAddress(ev.currentTarget.value)} />
        </label>
        <label>
          {t('calls.registerPhone')}
          <input data-testid="register-phone" inputMode="tel" maxLength={40} value={phone} onInput={(ev) => setPhone(ev.currentTarget.value)} />
        </label>
        {regions.state === 'ok' ? <RegionChoice communities={communities} level={lowest} value={regionId} onChange={setChosen} /> : <LoadStatus loaded={regions} />}
        <FormError error={error} testid="register-error" />
        <div class="dialog-actions">
          <button type="button" data-testid="register-cancel" onClick={onClose}>
            {t('form.back')}
          </button>
          <button type="submit" class="primary" data-testid="register-confirm" disabled={busy || regions.state === 'loading'}>
            {t('calls.registerConfirm')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
