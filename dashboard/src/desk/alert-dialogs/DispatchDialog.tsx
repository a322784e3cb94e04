// The dispatch picker: the responders the gateway suggests for an alert (GET /alerts/:id/suggestions), best first —
// the elder's own responders, then the same community, then on duty, then the fewest open assignments. The first
// one on duty is preselected; confirm stays disabled until there is somebody to pick.

import { useEffect, useRef, useState } from 'preact/hooks';
import type { ResponderSuggestion } from '../../../../schemas/index.js';
import { ApiError, dispatchAlert, errorMessage, suggestResponders, type MessageRef } from '../../shared/api.js';
import { t } from '../../shared/i18n.js';
import { FormDialog } from '../../shared/ui/FormDialog.js';
import { endSession } from '../session.js';
import type { Alert } from '../../model/alert-book.js';
import { token } from '../state/desk-state.js';
import { AlertSubject } from './AlertSubject.js';
import { DispatchOption } from './DispatchOption.js';
import { runAlertAction } from './run-alert-action.js';

type Picker = { state: 'loading' } | { state: 'failed'; error: MessageRef } | { state: 'ready'; items: ResponderSuggestion[] };

export function DispatchDialog({ alert, onClose }: { alert: Alert; onClose: () => void }) {
  const [picker, setPicker] = useState<Picker>({ state: 'loading' });
  const options = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const sessionToken = token.value;
    if (!sessionToken) return;
    let current = true;
    suggestResponders(sessionToken, alert.id).then(
      (reply) => {
        if (current) setPicker({ state: 'ready', items: Array.isArray(reply?.items) ? reply.items.filter((s) => typeof s?.responder?.id === 'string') : [] });
      },
      (err: unknown) => {
        if (!current) return;
        if (err instanceof ApiError && err.status === 401) endSession('login.expired');
        else setPicker({ state: 'failed', error: errorMessage(err) });
      },
    );
    return () => {
      current = false;
    };
  }, [alert.id]);

  // the keyboard lands on the preselected responder once the list is there: Enter dispatches, arrows move
  useEffect(() => {
    if (picker.state === 'ready') options.current?.querySelector<HTMLInputElement>('input:checked')?.focus();
  }, [picker.state]);

  const items = picker.state === 'ready' ? picker.items : [];
  const preselected = (items.find((s) => s.onDuty) ?? items[0])?.responder.id;
  const status =
    picker.state === 'loading'
      ? t('dispatch.loading')
      : picker.state === 'failed'
        ? `${t('dispatch.failed')}: ${t(...picker.error)}`
        : items.length === 0
          ? t('dispatch.empty')
          : null;

  function confirm(values: Record<string, string>) {
    const responderId = values.responderId;
    if (responderId) void runAlertAction(alert.id, (sessionToken) => dispatchAlert(sessionToken, alert.id, responderId));
  }

  return (
    <FormDialog
      testid="dispatch-dialog"
      prefix="dispatch"
      title={t('dispatch.heading')}
      subject={<AlertSubject alert={alert} />}
      confirmLabel={t('dispatch.confirm')}
      backLabel={t('resolve.cancel')}
      wide
      confirmDisabled={items.length === 0}
      onConfirm={confirm}
      onClose={onClose}
    >
      <p class="dialog-status" data-testid="dispatch-status" hidden={status === null}>
        {status ?? ''}
      </p>
      <div class="picker" data-testid="dispatch-options" role="radiogroup" ref={options}>
        {items.map((suggestion, index) => (
          <DispatchOption key={suggestion.responder.id} suggestion={suggestion} best={index === 0} preselected={suggestion.responder.id === preselected} />
        ))}
      </div>
    </FormDialog>
  );
}
