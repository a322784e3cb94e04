// A new device's secret, shown this once (the gateway keeps only its hash): in a modal that stays until the operator
// says they have it, with a copy button.

import { useState } from 'preact/hooks';
import { t } from '../../../shared/i18n.js';
import { useModal } from '../../../shared/ui/use-modal.js';

export function SecretOnce({ deviceId, secret, onClose }: { deviceId: string; secret: string; onClose: () => void }) {
  const ref = useModal();
  const [copied, setCopied] = useState(false);
  return (
    // Esc does not close it: a secret closed by a stray key is lost for good
    <dialog ref={ref} class="form-dialog" data-testid="secret-dialog" onCancel={(ev) => ev.preventDefault()}>
      <h2>{t('devices.secret.title', { id: deviceId })}</h2>
      <p class="secret-warn">{t('devices.secret.once')}</p>
      <p class="secret-line">
        <code class="secret typed" data-testid="secret-value">
          {secret}
        </code>
        <button
          type="button"
          class="small"
          data-testid="secret-copy"
          onClick={() =>
            void navigator.clipboard?.writeText(secret).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          {copied ? t('devices.secret.copied') : t('devices.secret.copy')}
        </button>
      </p>
      <div class="dialog-actions">
        <button type="button" class="primary" data-testid="secret-done" onClick={onClose}>
          {t('devices.secret.done')}
        </button>
      </div>
    </dialog>
  );
}
