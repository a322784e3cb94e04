// Managing a device from its panel: 停用 (a reason, asked to confirm: it cannot be undone), 更换 (new hardware takes
// its place; the new secret is shown once), 移动 (another elder, another place). The changed device goes back to the
// list through onChanged; a replacement's new device too, so it shows at the top.

import { useState } from 'preact/hooks';
import type { DeviceView } from '../../../../../schemas/index.js';
import type { MessageRef } from '../../../shared/api.js';
import { t } from '../../../shared/i18n.js';
import { FormDialog } from '../../../shared/ui/FormDialog.js';
import { FormError } from '../../../shared/ui/FormError.js';
import { Typed } from '../../../shared/ui/Typed.js';
import { deviceErrorMessage } from '../device-errors.js';
import { getDeviceView, moveDevice, replaceDevice, retireDevice } from '../device-request.js';
import { rememberElderName } from '../use-elder-names.js';
import { MoveDialog, type MoveChoice } from './MoveDialog.js';
import { SecretOnce } from './SecretOnce.js';

type Open = 'none' | 'retire' | 'replace' | 'move';

export function ManageActions({ device, onChanged }: { device: DeviceView; onChanged: (device: DeviceView) => void }) {
  const [open, setOpen] = useState<Open>('none');
  const [error, setError] = useState<MessageRef | null>(null);
  const [done, setDone] = useState<MessageRef | null>(null);
  const [secret, setSecret] = useState<{ id: string; secret: string } | null>(null);
  const close = () => setOpen('none');

  async function act(work: () => Promise<void>) {
    setError(null);
    setDone(null);
    try {
      await work();
    } catch (err) {
      setError(deviceErrorMessage(err));
    }
  }

  const retire = (reason: string) =>
    act(async () => {
      onChanged(await retireDevice(device.id, reason));
      setDone(['devices.done.retired', { id: device.id }]);
    });

  const replace = (newId: string, reason: string) =>
    act(async () => {
      const created = await replaceDevice(device.id, { ...(newId ? { newId } : {}), ...(reason ? { reason } : {}) });
      const { secret: newSecret, ...view } = created;
      setSecret({ id: view.id, secret: newSecret });
      onChanged(view);
      // the old one is retired now: its line says so
      onChanged(await getDeviceView(device.id));
    });

  const move = ({ elder, room }: MoveChoice) =>
    act(async () => {
      if (!elder && room === undefined) {
        setError(['devices.move.needOne']);
        return;
      }
      if (elder) rememberElderName(elder.id, elder.name);
      onChanged(await moveDevice(device.id, { ...(elder ? { elderId: elder.id } : {}), ...(room === undefined ? {} : { room }) }));
      setDone(['devices.done.moved', { id: device.id }]);
    });

  return (
    <div class="device-manage">
      {device.state === 'retired' ? (
        <p class="muted">{t('devices.panel.retiredNote')}</p>
      ) : (
        <div class="command-buttons">
          <button type="button" class="small" data-testid="device-move" onClick={() => setOpen('move')}>
            {t('devices.move')}
          </button>
          <button type="button" class="small" data-testid="device-replace" onClick={() => setOpen('replace')}>
            {t('devices.replace')}
          </button>
          <button type="button" class="small danger" data-testid="device-retire" onClick={() => setOpen('retire')}>
            {t('devices.retire')}
          </button>
        </div>
      )}
      <FormError error={error} testid="manage-error" />
      {done ? (
        <p class="done-line" role="status" data-testid="manage-done">
          {t(done[0], done[1])}
        </p>
      ) : null}
      {open === 'retire' ? (
        <FormDialog testid="retire-dialog" title={t('devices.retire.title')} subject={<Typed value={device.id} />} prefix="retire" confirmLabel={t('devices.retire.confirm')} onConfirm={(v) => void retire((v.reason ?? '').trim())} onClose={close}>
          <p class="secret-warn">{t('devices.retire.warn')}</p>
          <label>
            <span>{t('devices.retire.reason')}</span>
            <input type="text" name="reason" required maxLength={500} data-testid="retire-reason" />
          </label>
        </FormDialog>
      ) : null}
      {open === 'replace' ? (
        <FormDialog testid="replace-dialog" title={t('devices.replace.title')} subject={<Typed value={device.id} />} prefix="replace" confirmLabel={t('devices.replace.confirm')} onConfirm={(v) => void replace((v.newId ?? '').trim(), (v.reason ?? '').trim())} onClose={close}>
          <p>{t('devices.replace.intro')}</p>
          <label>
            <span>{t('devices.replace.newId')}</span>
            <input type="text" name="newId" maxLength={64} pattern="[A-Za-z0-9_\-]+" data-testid="replace-new-id" />
          </label>
          <label>
            <span>{t('devices.replace.reason')}</span>
            <input type="text" name="reason" maxLength={500} data-testid="replace-reason" />
          </label>
        </FormDialog>
      ) : null}
      {open === 'move' ? <MoveDialog device={device} onMove={(choice) => void move(choice)} onClose={close} /> : null}
      {secret ? <SecretOnce deviceId={secret.id} secret={secret.secret} onClose={() => setSecret(null)} /> : null}
    </div>
  );
}
