// The dispatch picker: the responders the gateway suggests for an alert (GET /alerts/:id/suggestions), best first —
// the elder's own responders, then the same community, then on duty, then the fewest open assignments. Off-duty
// people stay pickable (the desk may phone them) but are greyed; the first one on duty is preselected.

import { ApiError, errorMessage, suggestResponders } from './api.js';
import { ask } from './dialogs.js';
import { known, t } from './i18n.js';
import { el, phrase, typed, typeLabel } from './rows.js';

function chip(className, text) {
  return el('span', `chip ${className}`, text);
}

function option(suggestion, index, regions) {
  const { responder } = suggestion;
  const onDuty = suggestion.onDuty === true;
  const label = el('label', `pick${onDuty ? ' on-duty' : ' off-duty'}`);
  label.dataset.testid = 'dispatch-option';
  label.dataset.responderId = responder.id;
  label.dataset.onDuty = String(onDuty);
  label.dataset.sameCommunity = String(suggestion.sameCommunity === true);

  const radio = el('input');
  radio.type = 'radio';
  radio.name = 'responderId';
  radio.value = responder.id;
  radio.required = true;

  const main = el('span', 'pick-main');
  main.append(typed('pick-name', responder.displayName));
  const kind = responder.responderKind ? known(`responderKind.${responder.responderKind}`) : null;
  if (kind) main.append(el('span', 'pick-kind', kind));
  if (index === 0) main.append(chip('best', t('dispatch.best')));

  const facts = el('span', 'pick-facts');
  if (suggestion.assignedToElder === true) facts.append(chip('own', t('dispatch.assignedToElder')));
  facts.append(
    chip(suggestion.sameCommunity ? 'near' : 'far', t(suggestion.sameCommunity ? 'dispatch.sameCommunity' : 'dispatch.otherCommunity')),
    chip(onDuty ? 'duty' : 'off', t(onDuty ? 'dispatch.onDuty' : 'dispatch.offDuty')),
    el('span', 'pick-load', t('dispatch.open', { n: suggestion.openAssignments ?? 0 })),
  );
  const region = regions.get(responder.regionId);
  if (region) facts.append(typed('pick-region', region));
  if (responder.phone) facts.append(typed('pick-phone', responder.phone));

  const text = el('span', 'pick-text');
  text.append(main, facts);
  label.append(radio, text);
  return label;
}

/**
 * Opens the picker for `alert` and resolves with the chosen responder's id, or null when the operator went back.
 * @param {HTMLDialogElement} dialog
 * @param {{ token: string, alert: object, regions: Map<string,string>, onUnauthorised: () => void }} opts
 */
export function pickResponder(dialog, { token, alert, regions, onUnauthorised }) {
  const status = dialog.querySelector('[data-role=status]');
  const list = dialog.querySelector('[data-role=options]');
  const confirm = dialog.querySelector('button[value=confirm]');

  function say(text) {
    status.hidden = !text;
    status.textContent = text ?? '';
  }

  const answer = ask(dialog, () => {
    dialog.querySelector('[data-role=for]').replaceChildren(
      phrase('', 'resolve.for', { type: typeLabel(alert.type), name: typed('for-name', alert.elder.name) }),
    );
    list.replaceChildren();
    confirm.disabled = true;
    say(t('dispatch.loading'));
  });

  suggestResponders(token, alert.id).then(
    (reply) => {
      if (!dialog.open) return;
      const items = Array.isArray(reply?.items) ? reply.items.filter((s) => s?.responder && typeof s.responder.id === 'string') : [];
      if (items.length === 0) {
        say(t('dispatch.empty'));
        return;
      }
      say(null);
      list.replaceChildren(...items.map((s, i) => option(s, i, regions)));
      const first = list.querySelector('.pick.on-duty input') ?? list.querySelector('input');
      if (first) first.checked = true;
      confirm.disabled = false;
      first?.focus();
    },
    (err) => {
      if (err instanceof ApiError && err.status === 401) {
        dialog.close('cancel');
        onUnauthorised();
        return;
      }
      if (!dialog.open) return;
      const [key, vars] = errorMessage(err);
      say(`${t('dispatch.failed')}: ${t(key, vars)}`);
    },
  );

  return answer.then((values) => values?.responderId || null);
}
