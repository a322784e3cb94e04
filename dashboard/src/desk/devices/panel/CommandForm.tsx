// The small form of one command under the panel's buttons: the intervals, the thresholds this kind has (with their
// ranges), test mode on or off with its minutes, the message text (≤ 64). Checked here in words (command-body.ts),
// sent by the parent.

import { THRESHOLDS_BY_KIND, type DeviceCommandType, type DeviceKind } from '../../../../../schemas/index.js';
import type { MessageRef } from '../../../shared/api.js';
import { t } from '../../../shared/i18n.js';
import { FormError } from '../../../shared/ui/FormError.js';
import { commandWords } from '../device-words.js';
import { INTERVAL_RANGES, MESSAGE_MAX, TELEMETRY_KINDS, TEST_MINUTES_RANGE, THRESHOLD_RANGES } from './command-body.js';

function NumberField({ name, label, range }: { name: string; label: string; range: readonly [number, number] }) {
  return (
    <label class="command-field">
      <span>{label}</span>
      <input type="number" inputMode="numeric" name={name} min={range[0]} max={range[1]} step={1} data-testid={`command-${name}`} />
    </label>
  );
}

function Fields({ type, kind }: { type: DeviceCommandType; kind: DeviceKind }) {
  switch (type) {
    case 'set_intervals':
      return (
        <>
          <NumberField name="heartbeatSeconds" label={t('devices.cmd.heartbeatSeconds')} range={INTERVAL_RANGES.heartbeatSeconds} />
          {TELEMETRY_KINDS.includes(kind) ? <NumberField name="telemetrySeconds" label={t('devices.cmd.telemetrySeconds')} range={INTERVAL_RANGES.telemetrySeconds} /> : null}
        </>
      );
    case 'set_thresholds':
      return (
        <>
          {THRESHOLDS_BY_KIND[kind].map((key) => (
            <NumberField key={key} name={key} label={t(`devices.threshold.${key}`)} range={THRESHOLD_RANGES[key]} />
          ))}
        </>
      );
    case 'test_mode':
      return (
        <>
          <label class="command-field">
            <span>{t('devices.cmd.test_mode')}</span>
            <select name="enabled" data-testid="command-enabled">
              <option value="true">{t('devices.cmd.enable')}</option>
              <option value="false">{t('devices.cmd.disable')}</option>
            </select>
          </label>
          <NumberField name="minutes" label={t('devices.cmd.minutes')} range={TEST_MINUTES_RANGE} />
        </>
      );
    case 'play_message':
      return (
        <label class="command-field wide">
          <span>{t('devices.cmd.text')}</span>
          <input type="text" name="text" maxLength={MESSAGE_MAX} required placeholder={t('devices.cmd.textPlaceholder')} data-testid="command-text" />
        </label>
      );
    default:
      return null;
  }
}

interface CommandFormProps {
  type: DeviceCommandType;
  kind: DeviceKind;
  busy: boolean;
  error: MessageRef | null;
  onSend: (values: Record<string, string>) => void;
  onCancel: () => void;
}

export function CommandForm({ type, kind, busy, error, onSend, onCancel }: CommandFormProps) {
  function submit(ev: SubmitEvent) {
    ev.preventDefault();
    const values: Record<string, string> = {};
    for (const [name, value] of new FormData(ev.currentTarget as HTMLFormElement)) values[name] = String(value);
    onSend(values);
  }
  return (
    <form class="command-form" data-testid="command-form" data-type={type} onSubmit={submit}>
      <strong class="command-form-title">{commandWords(type)}</strong>
      <div class="command-fields">
        <Fields type={type} kind={kind} />
      </div>
      <FormError error={error} testid="command-error" />
      <div class="command-form-actions">
        <button type="button" class="small" data-testid="command-cancel" onClick={onCancel}>
          {t('devices.cmd.cancel')}
        </button>
        <button type="submit" class="primary small" data-testid="command-send" disabled={busy}>
          {t('devices.cmd.send')}
        </button>
      </div>
    </form>
  );
}
