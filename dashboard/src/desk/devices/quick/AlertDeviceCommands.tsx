// On an alert's detail, beside its device: the commands that help with the alarm itself, one click each, sent as part
// of the alert (its id goes with them, so they show on its timeline): locate a wristband, a camera's snapshot, a
// reassuring message played on a call button or wristband. Each button's last command for this alert is shown
// inline with its state, followed until it ends, and what it brought back (a position with map links, a snapshot).

import { useState } from 'preact/hooks';
import { COMMANDS_BY_KIND, type CreateDeviceCommandBody, type DeviceCommandType, type DeviceCommandView, type DeviceKind } from '../../../../../schemas/index.js';
import type { MessageRef } from '../../../shared/api.js';
import { t } from '../../../shared/i18n.js';
import { FormError } from '../../../shared/ui/FormError.js';
import { useLoad } from '../../detail/use-load.js';
import { deviceErrorMessage } from '../device-errors.js';
import { getDeviceView, sendDeviceCommand } from '../device-request.js';
import { CommandResult, StatusChip } from '../panel/CommandHistory.js';
import { useCommandHistory } from '../panel/use-command-history.js';

/** What the elder hears: always Chinese, whatever the desk's language (the device speaks zh-CN). */
const REASSURANCE = '值班中心已收到，马上联系您，请别着急';

interface Quick {
  type: DeviceCommandType;
  label: string;
  body: CreateDeviceCommandBody;
}

/** The quick commands a kind takes: a locate for a wristband, a snapshot for a camera, a message where it can play. */
function quickFor(kind: DeviceKind): Quick[] {
  const takes = COMMANDS_BY_KIND[kind] ?? [];
  const all: Quick[] = [
    { type: 'locate', label: 'devices.quick.locate', body: { type: 'locate' } },
    { type: 'snapshot', label: 'devices.quick.snapshot', body: { type: 'snapshot' } },
    { type: 'play_message', label: 'devices.quick.message', body: { type: 'play_message', text: REASSURANCE } },
  ];
  return all.filter((q) => takes.includes(q.type));
}

function QuickButtons({ deviceId, kind, alertId }: { deviceId: string; kind: DeviceKind; alertId: string }) {
  const { history, add } = useCommandHistory(deviceId);
  const [busy, setBusy] = useState<DeviceCommandType | null>(null);
  const [error, setError] = useState<MessageRef | null>(null);
  const quick = quickFor(kind);
  if (quick.length === 0) return null;
  /** The newest command of a type for this alert (the history is newest first). */
  const lastOf = (type: DeviceCommandType): DeviceCommandView | undefined => history.items.find((c) => c.type === type && c.alertId === alertId);

  async function send(q: Quick) {
    setBusy(q.type);
    setError(null);
    try {
      add(await sendDeviceCommand(deviceId, { ...q.body, alertId }));
    } catch (err) {
      setError(deviceErrorMessage(err));
    } finally {
      setBusy(null);
    }
  }

  const sent = quick.map((q) => ({ q, last: lastOf(q.type) }));
  return (
    <div class="quick-commands" data-testid="quick-commands">
      <span class="record-title">{t('devices.quick.heading')}</span>
      <span class="quick-buttons">
        {sent.map(({ q, last }) => (
          <span key={q.type} class="quick-command" data-testid={`quick-${q.type}`}>
            <button type="button" class="small" data-testid={`quick-${q.type}-send`} disabled={busy !== null} onClick={() => void send(q)}>
              {t(q.label)}
            </button>
            {last ? <StatusChip status={last.status} /> : null}
          </span>
        ))}
      </span>
      {/* what came back on a line of its own, so a position with its map links never pushes a button out of sight */}
      {sent.map(({ q, last }) =>
        last && (last.resultData || last.failureReason) ? (
          <p key={q.type} class="quick-result" data-testid={`quick-${q.type}-result`}>
            <span class="record-title">{t(q.label)}</span>
            <CommandResult command={last} title={deviceId} />
          </p>
        ) : null,
      )}
      <FormError error={error} testid="quick-error" />
    </div>
  );
}

export function AlertDeviceCommands({ deviceId, alertId, closed }: { deviceId: string; alertId: string; closed: boolean }) {
  const device = useLoad(deviceId, () => getDeviceView(deviceId));
  if (closed || device.state !== 'ok' || device.value.state === 'retired') return null;
  return <QuickButtons deviceId={deviceId} kind={device.value.kind} alertId={alertId} />;
}
