// Moving a device: to another elder (found by name or phone, as the telephone finds a caller) and/or to another place
// in the home. PATCH /devices/:id with what changed.

import { useState } from 'preact/hooks';
import type { DeviceView } from '../../../../../schemas/index.js';
import { t } from '../../../shared/i18n.js';
import { FormDialog } from '../../../shared/ui/FormDialog.js';
import { Typed } from '../../../shared/ui/Typed.js';
import { useLookup } from '../../phone/use-lookup.js';

export interface MoveChoice {
  elder: { id: string; name: string } | null;
  /** undefined: the place stays. */
  room: string | undefined;
}

function ElderHits({ text, onChoose }: { text: string; onChoose: (elder: { id: string; name: string }) => void }) {
  const lookup = useLookup(text);
  if (lookup.state === 'idle') return null;
  return (
    <ol class="move-hits" data-testid="move-hits" data-state={lookup.state}>
      {lookup.state === 'ok' && lookup.items.length === 0 ? <li class="move-hit-none">{t('devices.move.noHits')}</li> : null}
      {lookup.items.map((item) => (
        <li key={item.id}>
          <button type="button" class="move-hit" data-testid="move-hit" data-elder-id={item.id} onClick={() => onChoose({ id: item.id, name: item.name })}>
            <Typed class="hit-name" value={item.name} />
            <Typed class="hit-address" value={item.address} />
          </button>
        </li>
      ))}
    </ol>
  );
}

export function MoveDialog({ device, onMove, onClose }: { device: DeviceView; onMove: (choice: MoveChoice) => void; onClose: () => void }) {
  const [text, setText] = useState('');
  const [elder, setElder] = useState<{ id: string; name: string } | null>(null);
  return (
    <FormDialog
      testid="move-dialog"
      title={t('devices.move.title')}
      subject={<Typed value={device.id} />}
      prefix="move"
      confirmLabel={t('devices.move.confirm')}
      onConfirm={(values) => {
        const room = (values.room ?? '').trim();
        onMove({ elder, room: room === '' ? undefined : room });
      }}
      onClose={onClose}
    >
      <label>
        <span>{t('devices.move.toElder')}</span>
        <input type="search" autocomplete="off" data-testid="move-elder" value={text} onInput={(ev) => setText(ev.currentTarget.value)} />
      </label>
      {elder ? (
        <p class="move-chosen" data-testid="move-chosen">
          {t('devices.move.chosen', { name: elder.name })}
        </p>
      ) : null}
      <ElderHits
        text={elder ? '' : text}
        onChoose={(chosen) => {
          setElder(chosen);
          setText(chosen.name);
        }}
      />
      <label>
        <span>{t('devices.move.room')}</span>
        <input type="text" name="room" maxLength={40} data-testid="move-room" placeholder={device.room ?? ''} />
      </label>
    </FormDialog>
  );
}
