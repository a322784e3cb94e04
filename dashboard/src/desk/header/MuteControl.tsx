// The top bar's sound control. Sound on: a button opening the mute choices (5, 15, 30 minutes, or until the next new
// P1). Muted: what the mute is ("静音至 21:35" / "静音至下一条新P1告警") and a one-click "恢复声音". The rule of
// what a mute silences is in shared/sound.ts; the choice survives a reload.

import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { formatClock, t } from '../../shared/i18n.js';
import { MUTE_MINUTES, soundState, unmute, type MuteChoice } from '../../shared/sound.js';
import { muteAlarm } from '../banners/alarm.js';
import '../../styles/sound.css';

const CHOICES: ReadonlyArray<{ choice: MuteChoice; key: string; testid: string }> = [
  ...MUTE_MINUTES.map((minutes) => ({ choice: minutes, key: `sound.mute${minutes}`, testid: `mute-${minutes}` })),
  { choice: 'nextP1', key: 'sound.muteNextP1', testid: 'mute-next-p1' },
];

function MutedState({ kind, until }: { kind: 'timed' | 'nextP1' | null; until: number | null }) {
  const label = kind === 'timed' && until !== null ? t('sound.mutedUntil', { time: formatClock(new Date(until).toISOString()) }) : t('sound.mutedUntilNextP1');
  return (
    <span class="mute-state" data-testid="mute-state" data-kind={kind ?? ''} title={t('sound.muteRule')}>
      <span class="mute-until" data-testid="mute-until">
        {label}
      </span>
      <button type="button" class="tool mute-off" data-testid="mute-toggle" aria-pressed="true" onClick={unmute}>
        {t('sound.unmute')}
      </button>
    </span>
  );
}

/** The choices, closed by a choice, Escape or a click elsewhere. */
function MuteMenu({ onClose }: { onClose: () => void }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const outside = (event: Event) => {
      if (box.current && !box.current.parentElement?.contains(event.target as Node)) onClose();
    };
    const escape = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    document.addEventListener('pointerdown', outside);
    document.addEventListener('keydown', escape);
    box.current?.querySelector('button')?.focus();
    return () => {
      document.removeEventListener('pointerdown', outside);
      document.removeEventListener('keydown', escape);
    };
  }, [onClose]);
  return (
    <div ref={box} class="mute-menu" role="menu" aria-label={t('sound.muteMenu')} data-testid="mute-menu">
      {CHOICES.map(({ choice, key, testid }) => (
        <button
          key={testid}
          type="button"
          role="menuitem"
          data-testid={testid}
          onClick={() => {
            muteAlarm(choice);
            onClose();
          }}
        >
          {t(key)}
        </button>
      ))}
      <p class="mute-rule">{t('sound.muteRule')}</p>
    </div>
  );
}

export function MuteControl() {
  const { muted, muteKind, muteUntil } = soundState.value;
  const [open, setOpen] = useState(false);
  // one function for the menu's life: its effect (listeners, focus) must not run again on every render
  const close = useCallback(() => setOpen(false), []);
  if (muted) return <MutedState kind={muteKind} until={muteUntil} />;
  return (
    <span class="mute-control">
      <button
        type="button"
        class="tool"
        data-testid="mute-toggle"
        aria-pressed="false"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        {t('sound.on')} ▾
      </button>
      {open ? <MuteMenu onClose={close} /> : null}
    </span>
  );
}
