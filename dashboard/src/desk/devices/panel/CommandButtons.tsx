// "发送指令": a button for each command this kind takes (COMMANDS_BY_KIND). Locate and snapshot go at once; the
// others open their small form; reboot asks first (the device is deaf for a minute). A sent command appears in the
// history below (onSent), which follows it to its end.

import { useState } from 'preact/hooks';
import { COMMANDS_BY_KIND, type DeviceCommandType, type DeviceCommandView, type DeviceView } from '../../../../../schemas/index.js';
import type { MessageRef } from '../../../shared/api.js';
import { t } from '../../../shared/i18n.js';
import { FormDialog } from '../../../shared/ui/FormDialog.js';
import { FormError } from '../../../shared/ui/FormError.js';
import { deviceErrorMessage } from '../device-errors.js';
import { sendDeviceCommand } from '../device-request.js';
import { commandWords } from '../device-words.js';
import { buildCommand } from './command-body.js';
import { CommandForm } from './CommandForm.js';

/** Commands without parameters: a click sends them. */
const AT_ONCE: readonly DeviceCommandType[] = ['locate', 'snapshot'];

export function CommandButtons({ device, onSent }: { device: DeviceView; onSent: (command: DeviceCommandView) => void }) {
  const [open, setOpen] = useState<DeviceCommandType | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<MessageRef | null>(null);
  const types = COMMANDS_BY_KIND[device.kind] ?? [];

  async function send(type: DeviceCommandType, values: Record<string, string>) {
    const built = buildCommand(type, device.kind, values, (key) => t(key));
    if ('error' in built) {
      setError(built.error);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onSent(await sendDeviceCommand(device.id, built.body));
      setOpen(null);
    } catch (err) {
      setError(deviceErrorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  function choose(type: DeviceCommandType) {
    setError(null);
    if (AT_ONCE.includes(type)) {
      setOpen(null);
      void send(type, {});
    } else setOpen(type);
  }

  if (types.length === 0) return <p class="muted">{t('devices.panel.noCommands')}</p>;
  return (
    <div class="device-commands">
      <div class="command-buttons" role="group" aria-label={t('devices.panel.commands')}>
        {types.map((type) => (
          <button key={type} type="button" class={open === type ? 'small current' : 'small'} data-testid={`command-${type}`} disabled={busy} onClick={() => choose(type)}>
            {commandWords(type)}
          </button>
        ))}
      </div>
      {open !== null && open !== 'reboot' ? (
        <CommandForm key={open} type={open} kind={device.kind} busy={busy} error={error} onSend={(values) => void send(open, values)} onCancel={() => setOpen(null)} />
      ) : (
        <FormError error={error} testid="command-error" />
      )}
      {open === 'reboot' ? (
        <FormDialog
          testid="reboot-dialog"
          title={t('devices.cmd.rebootTitle')}
          prefix="reboot"
          confirmLabel={t('devices.cmd.reboot')}
          onConfirm={() => void send('reboot', {})}
          onClose={() => setOpen((current) => (current === 'reboot' ? null : current))}
        >
          <p>{t('devices.cmd.rebootConfirm', { id: device.id })}</p>
        </FormDialog>
      ) : null}
    </div>
  );
}
