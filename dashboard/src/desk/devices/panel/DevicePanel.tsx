// A device's panel beside the list: its facts (kind, elder, place, state, battery, last heard, firmware and model,
// test mode, retired / replaced), the commands it takes with their history (followed while one is pending), and its
// management (retire, replace, move).

import type { ComponentChildren } from 'preact';
import type { DeviceView } from '../../../../../schemas/index.js';
import { formatDateTime, t } from '../../../shared/i18n.js';
import { Typed } from '../../../shared/ui/Typed.js';
import { now } from '../../state/desk-state.js';
import { ElderName, StateChip } from '../DeviceTable.js';
import { kindWords, sinceWords } from '../device-words.js';
import { CommandButtons } from './CommandButtons.js';
import { CommandHistory } from './CommandHistory.js';
import { ManageActions } from './ManageActions.js';
import { useCommandHistory } from './use-command-history.js';

function Fact({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

function Facts({ device, elderName }: { device: DeviceView; elderName: string | null | undefined }) {
  return (
    <dl class="device-facts" data-testid="device-facts">
      <Fact label={t('devices.col.kind')}>{kindWords(device.kind)}</Fact>
      <Fact label={t('devices.col.elder')}>
        <ElderName name={elderName} />
      </Fact>
      <Fact label={t('devices.col.room')}>{device.room ? <Typed value={device.room} /> : '—'}</Fact>
      <Fact label={t('devices.col.state')}>
        <StateChip state={device.state} />
        {device.testModeUntil ? <span class="device-test">{t('devices.panel.testUntil', { time: formatDateTime(device.testModeUntil) })}</span> : null}
      </Fact>
      <Fact label={t('devices.col.battery')}>{device.battery === null ? '—' : `${Math.round(device.battery)}%`}</Fact>
      <Fact label={t('devices.col.lastSeen')}>
        {sinceWords(device.lastSeenAt, now.value)}
        {device.lastSeenAt ? <span class="muted"> · {formatDateTime(device.lastSeenAt)}</span> : null}
      </Fact>
      <Fact label={t('devices.col.firmware')}>{device.firmware ? <Typed value={device.firmware} /> : '—'}</Fact>
      <Fact label={t('devices.col.model')}>{device.model ? <Typed value={device.model} /> : '—'}</Fact>
      <Fact label={t('devices.panel.registered')}>{formatDateTime(device.createdAt)}</Fact>
      {device.retiredAt ? (
        <Fact label={t('devices.panel.retiredAt')}>
          {formatDateTime(device.retiredAt)}
          {device.replacedBy ? <span class="muted"> · {t('devices.panel.replacedBy', { id: device.replacedBy })}</span> : null}
        </Fact>
      ) : null}
    </dl>
  );
}

interface DevicePanelProps {
  device: DeviceView;
  elderName: string | null | undefined;
  onChanged: (device: DeviceView) => void;
  onClose: () => void;
}

export function DevicePanel({ device, elderName, onChanged, onClose }: DevicePanelProps) {
  const { history, add, more } = useCommandHistory(device.id);
  const title = `${elderName ?? ''} ${kindWords(device.kind)} ${device.id}`.trim();
  return (
    <aside class="registry-panel device-panel" data-testid="device-panel" data-device-id={device.id} aria-labelledby="device-panel-heading">
      <div class="registry-panel-top">
        <h3 id="device-panel-heading">
          <Typed value={device.id} />
        </h3>
        <button type="button" class="small" data-testid="device-panel-close" onClick={onClose}>
          {t('devices.panel.close')}
        </button>
      </div>
      <Facts device={device} elderName={elderName} />
      {device.state === 'retired' ? null : (
        <section class="device-part">
          <h4>{t('devices.panel.commands')}</h4>
          <CommandButtons device={device} onSent={add} />
        </section>
      )}
      <section class="device-part">
        <h4>{t('devices.panel.history')}</h4>
        <CommandHistory history={history} title={title} onMore={more} />
      </section>
      <section class="device-part">
        <h4>{t('devices.panel.manage')}</h4>
        <ManageActions device={device} onChanged={onChanged} />
      </section>
    </aside>
  );
}
