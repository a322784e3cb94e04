// The signed-in page: the alerts dispatched to me first (they are emergencies), then my tasks, then the open tasks
// of my community that anyone may take. Dimmed while the live link is down or silent: the banners say why.

import type { ComponentChildren } from 'preact';
import { t } from '../shared/i18n.js';
import { AlertCard } from './AlertCard.js';
import { TaskCard } from './TaskCard.js';
import { communityTasks, myAlerts, myTasks, pictureDoubtful } from './state.js';

interface SectionProps {
  id: string;
  heading: string;
  /** Shown next to the heading when the list is not empty. */
  count: string;
  empty: string;
  emptyTestid: string;
  listTestid: string;
  size: number;
  children: ComponentChildren;
}

function Section({ id, heading, count, empty, emptyTestid, listTestid, size, children }: SectionProps) {
  return (
    <section class="r-section" aria-labelledby={id}>
      <h2 id={id}>
        {heading} {size > 0 ? <span class="count-pill">{count}</span> : null}
      </h2>
      {size === 0 ? (
        <p class="empty" data-testid={emptyTestid}>
          {empty}
        </p>
      ) : null}
      <ol class="r-list" data-testid={listTestid}>
        {children}
      </ol>
    </section>
  );
}

export function WorkView() {
  const alerts = myAlerts.value;
  const mine = myTasks.value;
  const community = communityTasks.value;
  return (
    <section class={pictureDoubtful.value ? 'work stale' : 'work'}>
      <Section
        id="alerts-heading"
        heading={t('r.myAlerts')}
        count={t('queue.openCount', { n: alerts.length })}
        empty={t('r.myAlertsEmpty')}
        emptyTestid="alerts-empty"
        listTestid="my-alerts"
        size={alerts.length}
      >
        {alerts.map((alert) => (
          <AlertCard key={alert.id} alert={alert} />
        ))}
      </Section>
      <Section
        id="my-tasks-heading"
        heading={t('r.myTasks')}
        count={t('tasks.openCount', { n: mine.length })}
        empty={t('r.myTasksEmpty')}
        emptyTestid="my-tasks-empty"
        listTestid="my-tasks"
        size={mine.length}
      >
        {mine.map((task) => (
          <TaskCard key={task.id} task={task} mine />
        ))}
      </Section>
      <Section
        id="community-heading"
        heading={t('r.communityTasks')}
        count={t('tasks.openCount', { n: community.length })}
        empty={t('r.communityTasksEmpty')}
        emptyTestid="community-empty"
        listTestid="community-tasks"
        size={community.length}
      >
        {community.map((task) => (
          <TaskCard key={task.id} task={task} mine={false} />
        ))}
      </Section>
    </section>
  );
}
