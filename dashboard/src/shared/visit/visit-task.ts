// What a care visit (探访, task kind care_visit) carries beyond any task: the period it is for, which attempt it is,
// the ways of visiting that count for its elder, and the way it was made. Shared by the desk and the responder page.
// No DOM.

import { ASSESSMENT_LEVEL_LABELS, ELDER_GROUP_LABELS, VISIT_MODE_LABELS, type VisitMode } from '../../../../schemas/index.js';
import type { Task } from '../../model/task-book.js';
import { lang, t } from '../i18n.js';

/** Outcomes of a visit that say how it was made (a visit at the door that found nobody home was still at the door). */
const OUTCOMES_WITH_MODE: ReadonlySet<string> = new Set(['visited', 'not_home', 'refused']);

export interface VisitFacts {
  /** The period's name: 2026-W49, 2026-F25, 2026-12 or 2026-Q4. */
  period: string | null;
  /** End of the period (ms, exclusive): after it a retry is no longer for this period. */
  periodEndsAt: number | null;
  /** 1 for the first try, 2 for the retry after a failed one, ... */
  attempt: number;
  /** The ways that count for this elder's policy; empty when the gateway did not say. */
  visitModes: readonly VisitMode[];
  /** The way it was made, once done. */
  visitMode: VisitMode | null;
}

export const isCareVisit = (task: Pick<Task, 'kind'>): boolean => task.kind === 'care_visit';

/** The visit's own fields, or null for a task that is not a care visit. */
export function visitFacts(task: Task): VisitFacts | null {
  if (!isCareVisit(task)) return null;
  const endsAt = task.periodEndsAt ? Date.parse(task.periodEndsAt) : Number.NaN;
  return {
    period: task.period,
    periodEndsAt: Number.isNaN(endsAt) ? null : endsAt,
    attempt: task.attempt ?? 1,
    visitModes: task.visitModes ?? [],
    visitMode: task.visitMode,
  };
}

/** The open care visit of an elder's period among `open` (the first attempt, or the retry after a failed one). */
export const openAttempt = (open: readonly Task[], elderId: string, period: string | null): Task | undefined =>
  period === null ? undefined : open.find((task) => isCareVisit(task) && task.elder.id === elderId && task.period === period && OPEN.has(task.status));

const OPEN: ReadonlySet<string> = new Set(['open', 'assigned', 'accepted']);

/** Completing a care visit with this outcome needs the way it was made (the gateway refuses it otherwise). */
export const outcomeNeedsMode = (task: Task, outcome: string): boolean => isCareVisit(task) && OUTCOMES_WITH_MODE.has(outcome);

/**
 * A finished visit that did not cover its period (nobody home, refused, or made in a way that does not count) while
 * the period still runs: another attempt may be made (POST /tasks/:id/retry). The gateway decides in the end.
 */
export function retryOffered(task: Task, now: number, open: readonly Task[]): boolean {
  const facts = visitFacts(task);
  if (!facts || task.status !== 'done') return false;
  // the next attempt is already there
  if (openAttempt(open, task.elder.id, task.period) !== undefined) return false;
  if (facts.periodEndsAt !== null && facts.periodEndsAt <= now) return false;
  if (task.outcome === 'not_home' || task.outcome === 'refused') return true;
  return task.outcome === 'visited' && facts.visitMode !== null && facts.visitModes.length > 0 && !facts.visitModes.includes(facts.visitMode);
}

type Labels = Record<string, { 'zh-CN': string; en: string }>;
const labelOf = (labels: Labels, code: string): string => (Object.hasOwn(labels, code) ? labels[code]![lang.value] : code);

export const modeLabel = (mode: VisitMode): string => labelOf(VISIT_MODE_LABELS, mode);
/** A policy subject: a group tag of the catalogue, or very_old (高龄), which is derived and not a tag. */
export const subjectLabel = (subject: string): string => (subject === 'very_old' ? t('elder.veryOld') : labelOf(ELDER_GROUP_LABELS, subject));
export const assessmentLabel = (level: string): string => labelOf(ASSESSMENT_LEVEL_LABELS, level);

/** "第2次" for a retry; null for a first attempt (nothing worth saying). */
export const attemptText = (facts: VisitFacts): string | null => (facts.attempt > 1 ? t('visits.task.attempt', { n: facts.attempt }) : null);

/** A period's key in words: "2026年第49周", "2026年第25个双周", "2026年12月", "2026年第4季度"; unknown keys as they are. */
export function periodText(period: string): string {
  const match = /^(\d{4})-(W|F|Q)?(\d{1,2})$/.exec(period);
  if (!match) return period;
  const [, year, kind, n] = match;
  const key = kind === 'W' ? 'visits.period.week' : kind === 'F' ? 'visits.period.fortnight' : kind === 'Q' ? 'visits.period.quarter' : 'visits.period.month';
  return t(key, { year: year!, n: Number(n) });
}
