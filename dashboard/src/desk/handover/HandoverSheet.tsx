// The handover as it is read aloud and printed: the shift's window, the open alerts counted, the lists the next
// shift takes over (P1s nobody acknowledged first, then escalated, on hold, overdue tasks), what closed and what
// people noted. Everything in names and local times.

import type { ComponentChildren } from 'preact';
import type { Handover, HandoverNote, HandoverTask } from '../../../../schemas/index.js';
import { formatDateTime, known, t } from '../../shared/i18n.js';
import { statusLabel, typeLabel } from '../../shared/labels.js';
import { Phrase, Typed } from '../../shared/ui/Typed.js';
import { AlertLines } from './AlertLines.js';

function Part({ title, count, testid, children, wide }: { title: string; count?: number; testid: string; children: ComponentChildren; wide?: boolean }) {
  return (
    <section class={wide ? 'handover-part wide' : 'handover-part'} data-testid={testid} data-count={count}>
      <h3>
        {title}
        {count === undefined ? null : <span class={count > 0 ? 'handover-count some' : 'handover-count'}>{count}</span>}
      </h3>
      {children}
    </section>
  );
}

/** "已解决 · 电话处置" for `resolved:handled_by_phone`, the status's label otherwise. */
function outcomeLabel(key: string): string {
  const [status = '', reason] = key.split(':');
  const reasonText = reason ? known(`reason.${reason}`) : null;
  return reasonText ? `${statusLabel(status)} · ${reasonText}` : statusLabel(status) || status;
}

function Counts({ pairs, testid }: { pairs: Array<{ label: string; count: number; key: string }>; testid: string }) {
  return (
    <ul class="handover-counts" data-testid={testid}>
      {pairs.map((p) => (
        <li key={p.key} data-key={p.key} data-count={p.count} class={p.count > 0 ? 'some' : undefined}>
          <span>{p.label}</span>
          <strong>{p.count}</strong>
        </li>
      ))}
    </ul>
  );
}

function TaskLines({ tasks }: { tasks: HandoverTask[] }) {
  if (tasks.length === 0) return <p class="handover-none">{t('handover.none')}</p>;
  return (
    <ol class="handover-lines" data-testid="handover-overdue-list">
      {tasks.map((task) => (
        <li key={task.id} class="handover-line" data-testid="handover-task" data-task-id={task.id}>
          <span class="what">{known(`task.kind.${task.kind}`) ?? task.kind}</span>
          <Typed class="elder-name" value={task.elderName} />
          <Typed class="region-name" value={task.regionName} />
          <span class="when overdue">{t('handover.due', { time: formatDateTime(task.dueAt) })}</span>
          <span class="task-status">{known(`taskStatus.${task.status}`) ?? ''}</span>
          {/* an open task's status already says nobody has it; an assigned one says who */}
          {task.assigneeName ? <Typed class="person" value={task.assigneeName} /> : null}
        </li>
      ))}
    </ol>
  );
}

function about(note: HandoverNote): string {
  if (note.alertType) return `${typeLabel(note.alertType)} · ${note.elderName ?? ''}`;
  if (note.taskKind) return `${known(`task.kind.${note.taskKind}`) ?? ''} · ${note.elderName ?? ''}`;
  return '';
}

function NoteLines({ notes }: { notes: HandoverNote[] }) {
  if (notes.length === 0) return <p class="handover-none">{t('handover.none')}</p>;
  return (
    <ol class="handover-notes" data-testid="handover-notes">
      {notes.map((note, i) => (
        <li key={i} class={`handover-note source-${note.source}`} data-testid="handover-note-line" data-source={note.source}>
          <span class="when">{formatDateTime(note.at)}</span>
          <span class="source">{t(`handover.source.${note.source}`)}</span>
          <Typed class="person" value={note.authorName} />
          {about(note) ? <Typed class="about" value={about(note)} /> : null}
          <Typed class="note" value={note.note} />
        </li>
      ))}
    </ol>
  );
}

export function HandoverSheet({ handover }: { handover: Handover }) {
  const { open } = handover;
  return (
    <div class="handover-sheet" data-testid="handover-sheet">
      <p class="handover-window" data-testid="handover-window">
        <Phrase k="handover.window" vars={{ region: <Typed class="region-name" value={handover.regionName} />, from: formatDateTime(handover.since), to: formatDateTime(handover.until) }} />
      </p>
      <div class="handover-grid">
        <Part title={t('handover.open')} count={open.total} testid="handover-open">
          <Counts testid="handover-by-priority" pairs={open.byPriority.map((c) => ({ key: c.key, label: known(`priority.${c.key}`) ?? `P${c.key}`, count: c.count }))} />
          <Counts testid="handover-by-status" pairs={open.byStatus.map((c) => ({ key: c.key, label: statusLabel(c.key), count: c.count }))} />
        </Part>
        <Part title={t('handover.closed')} count={handover.closed.total} testid="handover-closed">
          {handover.closed.byOutcome.length === 0 ? (
            <p class="handover-none">{t('handover.none')}</p>
          ) : (
            <Counts testid="handover-by-outcome" pairs={handover.closed.byOutcome.map((c) => ({ key: c.key, label: outcomeLabel(c.key), count: c.count }))} />
          )}
        </Part>
        <Part title={t('handover.unackP1')} count={handover.unacknowledgedP1.length} testid="handover-unack">
          <AlertLines alerts={handover.unacknowledgedP1} testid="handover-unack-list" />
        </Part>
        <Part title={t('handover.escalated')} count={handover.escalated.length} testid="handover-escalated">
          <AlertLines alerts={handover.escalated} testid="handover-escalated-list" />
        </Part>
        <Part title={t('handover.onHold')} count={handover.onHold.length} testid="handover-on-hold">
          <AlertLines alerts={handover.onHold} testid="handover-on-hold-list" />
        </Part>
        <Part title={t('handover.overdue')} count={handover.overdueTasks.length} testid="handover-overdue">
          <TaskLines tasks={handover.overdueTasks} />
        </Part>
        <Part title={t('handover.notes')} count={handover.notes.length} testid="handover-notes-part" wide>
          <NoteLines notes={handover.notes} />
        </Part>
      </div>
      <p class="handover-signature">{t('handover.signature')}</p>
    </div>
  );
}
