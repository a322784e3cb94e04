import type { AlertView, TaskView } from '../../../schemas/index.js';
import { connectResponder, type ResponderAccount, type ResponderClient } from './responder-client.js';
import { GatewayApiError } from '../gateway-client.js';
import { resolutionFor, taskOutcomeFor, DECLINE_REASONS } from './responder-notes.js';
import { pick, type Random } from '../seeded-random.js';

// The demo's simulated responders: they log in as the care network's responder accounts and do, on what the desk
// dispatches to them, what a care worker does with the phone page: accept after a while (or now and then decline),
// arrive a few minutes later, resolve with a note; the follow-up visit (回访) the gateway then assigns them is accepted
// and done too. They act only on what is dispatched or assigned to them (a responder's lists hold nothing else), so
// the desk still acknowledges and dispatches by hand, and nobody resolves an alert the desk did not send anyone to.
// Each responder polls its own open alerts and tasks (GET /alerts?status=open&mine=true) every few seconds.

/** A range in ms: each step waits a random time inside it. */
export type DelayRange = readonly [number, number];

export interface SimulatedResponderOptions {
  baseUrl: string;
  accounts: ReadonlyArray<ResponderAccount & { displayName: string }>;
  say: (text: string) => void;
  random: Random;
  /** From the dispatch to the accept (or the decline). */
  acceptAfterMs: DelayRange;
  /** From the accept to being on site. */
  arriveAfterMs: DelayRange;
  /** On site until resolved. */
  resolveAfterMs: DelayRange;
  /** From a task's assignment to its accept, and from the accept to done. */
  taskStepAfterMs: DelayRange;
  /** Share of dispatches declined (0..1). */
  declineRatio: number;
  pollMs: number;
}

export interface SimulatedResponders {
  /** The accounts that could log in and are being played. */
  readonly playing: readonly string[];
  stop(): Promise<void>;
}

/** What the responder will do next with one alert or task, keyed by its id and the state it was planned for. */
interface Plan {
  key: string;
  timer: NodeJS.Timeout;
}

export async function startSimulatedResponders(options: SimulatedResponderOptions): Promise<SimulatedResponders> {
  const { say, random } = options;
  const plans = new Map<string, Plan>();
  const polls: NodeJS.Timeout[] = [];
  const running = new Set<Promise<unknown>>();
  let stopped = false;

  const wait = ([min, max]: DelayRange): number => min + random() * Math.max(0, max - min);
  const minutes = (ms: number): string => (ms < 90_000 ? `${Math.round(ms / 1000)} s` : `${(ms / 60_000).toFixed(1)} min`);
  const about = (alert: AlertView): string => `${alert.type} alert of ${alert.elder.name} (${alert.elder.address})`;

  /**
   * Runs `step` after `delay` unless the same step is planned already; a refusal (the desk moved the alert meanwhile:
   * resolved it, sent someone else) is said and dropped, and the next poll plans from what the alert is then.
   */
  const plan = (id: string, key: string, label: string, delay: number, step: () => Promise<void>): void => {
    if (stopped || plans.get(id)?.key === key) return;
    const previous = plans.get(id);
    if (previous) clearTimeout(previous.timer);
    const timer = setTimeout(() => {
      const run = step()
        .catch((err: unknown) => {
          if (stopped) return;
          const why = err instanceof GatewayApiError ? err.code : (err as Error).message;
          say(`  responders: ${label} not done (${why}): the desk changed it meanwhile`);
        })
        .finally(() => {
          running.delete(run);
          if (plans.get(id)?.key === key) plans.delete(id);
        });
      running.add(run);
    }, delay);
    plans.set(id, { key, timer });
  };

  const planAlert = (who: ResponderClient, name: string, alert: AlertView): void => {
    if (alert.status === 'dispatched' && alert.acceptedAt === null) {
      const declines = random() < options.declineRatio;
      const delay = wait(options.acceptAfterMs);
      plan(alert.id, `${alert.id}:offer:${alert.assignedAt ?? ''}`, `${name}'s answer to the ${about(alert)}`, delay, async () => {
        if (declines) {
          const reason = pick(random, DECLINE_REASONS);
          await who.declineAlert(alert.id, reason);
          say(`responder ${name} declines the ${about(alert)}: "${reason}"; the gateway offers it to the next one or the desk`);
          return;
        }
        const accepted = await who.acceptAlert(alert.id);
        say(`responder ${name} accepts the ${about(alert)} after ${minutes(delay)}`);
        planAlert(who, name, accepted);
      });
    } else if (alert.status === 'dispatched') {
      const delay = wait(options.arriveAfterMs);
      plan(alert.id, `${alert.id}:accepted`, `${name}'s arrival for the ${about(alert)}`, delay, async () => {
        const arrived = await who.arrive(alert.id);
        say(`responder ${name} is on site for the ${about(alert)} (${minutes(delay)} on the way)`);
        planAlert(who, name, arrived);
      });
    } else if (alert.status === 'on_site') {
      const delay = wait(options.resolveAfterMs);
      plan(alert.id, `${alert.id}:on_site`, `${name}'s resolution of the ${about(alert)}`, delay, async () => {
        const { reason, note } = resolutionFor(alert, random);
        await who.resolveAlert(alert.id, reason, note);
        say(`responder ${name} resolves the ${about(alert)} (${reason}): "${note}"`);
      });
    }
  };

  const planTask = (who: ResponderClient, name: string, task: TaskView): void => {
    // The on-site visit of an alert closes with the alert; the responder works the alert, not its card.
    if (task.kind === 'visit') return;
    const what = `${task.kind} task for ${task.elder.name}`;
    if (task.status === 'assigned') {
      plan(task.id, `${task.id}:assigned`, `${name}'s accept of the ${what}`, wait(options.taskStepAfterMs), async () => {
        const accepted = await who.acceptTask(task.id);
        say(`responder ${name} accepts the ${what}`);
        planTask(who, name, accepted);
      });
    } else if (task.status === 'accepted') {
      plan(task.id, `${task.id}:accepted`, `${name}'s ${what}`, wait(options.taskStepAfterMs), async () => {
        const { outcome, note } = taskOutcomeFor(task, random);
        await who.completeTask(task.id, outcome, note);
        say(`responder ${name} completes the ${what} (${outcome}): "${note}"`);
      });
    }
  };

  const poll = async (who: ResponderClient, name: string): Promise<void> => {
    try {
      const [alerts, tasks] = await Promise.all([who.myOpenAlerts(), who.myOpenTasks()]);
      for (const alert of alerts) planAlert(who, name, alert);
      for (const task of tasks) planTask(who, name, task);
    } catch (err) {
      if (!stopped) say(`  responders: ${name} could not read their list (${(err as Error).message}); trying again`);
    }
  };

  const playing: string[] = [];
  for (const [index, account] of options.accounts.entries()) {
    let who: ResponderClient;
    try {
      who = await connectResponder(options.baseUrl, account);
    } catch (err) {
      say(`  responders: ${account.username} cannot log in (${(err as Error).message}); not simulated`);
      continue;
    }
    playing.push(account.username);
    // spread the polls over the period, so the gateway sees a steady trickle rather than bursts
    const start = setTimeout(() => {
      void poll(who, account.displayName);
      polls.push(setInterval(() => void poll(who, account.displayName), options.pollMs));
    }, (options.pollMs * index) / Math.max(1, options.accounts.length));
    polls.push(start);
  }

  return {
    playing,
    async stop() {
      stopped = true;
      for (const timer of polls) clearTimeout(timer);
      for (const { timer } of plans.values()) clearTimeout(timer);
      plans.clear();
      await Promise.allSettled([...running]);
    },
  };
}
