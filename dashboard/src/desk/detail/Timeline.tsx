// Every transition of the alert, oldest first: when, what, who (a person's display name, the device, the
// gateway) and the note typed with it. Read from GET /alerts/:id, again whenever the alert changes live.

import type { AlertDetail } from '../../../../schemas/index.js';
import { formatTime, known } from '../../shared/i18n.js';
import { actorText } from '../../shared/labels.js';
import { Typed } from '../../shared/ui/Typed.js';
import { names } from '../state/desk-state.js';
import { LoadStatus } from './LoadStatus.js';
import type { Loaded } from './use-load.js';

export type TimelineEntry = AlertDetail['timeline'][number];

/** One entry's time, action and actor; the note, when there is one, after them. */
export function EntryLine({ entry }: { entry: TimelineEntry }) {
  return (
    <>
      <span class="clock">{formatTime(entry.at)}</span>
      <span class="tl-action">{known(`tl.${entry.action}`) ?? ''}</span>
      <Typed class="person" value={actorText(entry.actor, names.value)} />
      {entry.note ? <Typed class="note" value={entry.note} /> : null}
    </>
  );
}

export function Timeline({ detail }: { detail: Loaded<AlertDetail> }) {
  const entries = detail.state === 'ok' ? detail.value.timeline : [];
  return (
    <>
      <LoadStatus loaded={detail} />
      <ol class="timeline" data-testid="detail-timeline">
        {entries.map((entry, i) => (
          <li key={i} class={`timeline-entry tl-${entry.action}`} data-testid="timeline-entry" data-action={entry.action}>
            <EntryLine entry={entry} />
          </li>
        ))}
      </ol>
    </>
  );
}
