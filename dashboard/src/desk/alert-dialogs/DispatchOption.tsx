// One responder in the dispatch picker: name, kind, why they are suggested (the elder's own responder, the same
// community, on duty) and how much they already have. Off-duty people stay pickable (the desk may phone them) but
// are greyed.

import type { ResponderSuggestion } from '../../../../schemas/index.js';
import { known, t } from '../../shared/i18n.js';
import { Typed } from '../../shared/ui/Typed.js';
import { regions } from '../state/desk-state.js';

const Chip = ({ class: className, text }: { class: string; text: string }) => <span class={`chip ${className}`}>{text}</span>;

export function DispatchOption({ suggestion, best, preselected }: { suggestion: ResponderSuggestion; best: boolean; preselected: boolean }) {
  const { responder } = suggestion;
  const onDuty = suggestion.onDuty;
  const kind = responder.responderKind ? known(`responderKind.${responder.responderKind}`) : null;
  const region = regions.value.get(responder.regionId)?.name;
  return (
    <label
      class={`pick ${onDuty ? 'on-duty' : 'off-duty'}`}
      data-testid="dispatch-option"
      data-responder-id={responder.id}
      data-on-duty={String(onDuty)}
      data-same-community={String(suggestion.sameCommunity)}
    >
      <input type="radio" name="responderId" value={responder.id} required defaultChecked={preselected} />
      <span class="pick-text">
        <span class="pick-main">
          <Typed class="pick-name" value={responder.displayName} />
          {kind ? <span class="pick-kind">{kind}</span> : null}
          {best ? <Chip class="best" text={t('dispatch.best')} /> : null}
        </span>
        <span class="pick-facts">
          {suggestion.assignedToElder ? <Chip class="own" text={t('dispatch.assignedToElder')} /> : null}
          <Chip class={suggestion.sameCommunity ? 'near' : 'far'} text={t(suggestion.sameCommunity ? 'dispatch.sameCommunity' : 'dispatch.otherCommunity')} />
          <Chip class={onDuty ? 'duty' : 'off'} text={t(onDuty ? 'dispatch.onDuty' : 'dispatch.offDuty')} />
          <span class="pick-load">{t('dispatch.open', { n: suggestion.openAssignments })}</span>
          {region ? <Typed class="pick-region" value={region} /> : null}
          {responder.phone ? <Typed class="pick-phone" value={responder.phone} /> : null}
        </span>
      </span>
    </label>
  );
}
