// What the live link paints on either page: the open alerts and tasks (plain classes, model/*-book.ts) and the
// gateway's pulse, each with a revision signal bumped after every change, so a component that reads `alertsRev.value`
// draws again when the book changed. Each page makes its own (the pages never share a session).

import { signal } from '@preact/signals';
import { AlertBook } from '../model/alert-book.js';
import { TaskBook } from '../model/task-book.js';
import { Pulse } from './pulse.js';

export function createLivePicture() {
  const alerts = new AlertBook();
  const tasks = new TaskBook();
  const pulse = new Pulse();
  const alertsRev = signal(0);
  const tasksRev = signal(0);
  const pulseRev = signal(0);
  const bumpAlerts = () => void (alertsRev.value += 1);
  const bumpTasks = () => void (tasksRev.value += 1);
  const bumpPulse = () => void (pulseRev.value += 1);
  /** Forgets all of it (logout, expired token). */
  function clearPicture(): void {
    alerts.clear();
    tasks.clear();
    pulse.reset();
    bumpAlerts();
    bumpTasks();
    bumpPulse();
  }
  return { alerts, tasks, pulse, alertsRev, tasksRev, pulseRev, bumpAlerts, bumpTasks, bumpPulse, clearPicture };
}
