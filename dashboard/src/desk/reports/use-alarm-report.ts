// The report on screen: asked again whenever the period or the region changes, on "refresh", and — while the period
// reaches up to now — a little after the alert book changes, so the figures follow the queue the operator works
// (an alert resolved in the queue leaves "still open" here too). A reply overtaken by a newer question is dropped.

import { untracked } from '@preact/signals';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, errorMessage, type MessageRef } from '../../shared/api.js';
import { alertsRev, serverNow, token } from '../state/desk-state.js';
import { periodChoice, regionChoice } from './report-choice.js';
import { periodOf, type Period } from './report-period.js';
import { fetchAlarmReport, type ReportAsk, type ReportReply } from './report-request.js';

/** A burst of changes (a snapshot, a colleague clearing a list) costs one request. */
const FOLLOW_DEBOUNCE_MS = 2000;

/** A region the gateway does not know (deleted since the page loaded) reads as such; anything else as elsewhere. */
const reportError = (err: unknown): MessageRef => (err instanceof ApiError && err.code === 'REGION_NOT_FOUND' ? ['reports.error.region'] : errorMessage(err));

export interface LoadedReport {
  state: 'loading' | 'ok' | 'failed' | 'no-period';
  /** The last report received; kept on screen (marked stale) while the next one loads. */
  report: ReportReply | null;
  /** What the report on screen was asked for (the export asks the same). */
  asked: ReportAsk | null;
  period: Period | null;
  error: MessageRef | null;
  /** The question (period choice and region) the report on screen answers. */
  question: string | null;
}

export function useAlarmReport(): { loaded: LoadedReport; refresh: () => void; stale: boolean } {
  const [loaded, setLoaded] = useState<LoadedReport>({ state: 'loading', report: null, asked: null, period: null, error: null, question: null });
  const [asking, setAsking] = useState(0);
  const generation = useRef(0);
  const choice = periodChoice.value;
  const regionId = regionChoice.value;
  const session = token.value;
  const question = JSON.stringify([choice, regionId]);

  useEffect(() => {
    const mine = ++generation.current;
    const period = periodOf(choice, untracked(serverNow));
    if (!period || !session) {
      setLoaded((before) => ({ ...before, state: 'no-period', period, error: null }));
      return;
    }
    const ask: ReportAsk = { from: period.from, to: period.to, regionId };
    setLoaded((before) => ({ ...before, state: 'loading', period }));
    fetchAlarmReport(ask).then(
      (report) => mine === generation.current && setLoaded({ state: 'ok', report, asked: ask, period, error: null, question }),
      (err: unknown) => mine === generation.current && setLoaded((before) => ({ ...before, state: 'failed', error: reportError(err) })),
    );
  }, [choice, regionId, session, asking]);

  // follow the live desk while the period is still running
  const rev = alertsRev.value;
  const running = loaded.period !== null && loaded.period.end.getTime() > untracked(serverNow);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (!running) return;
    const timer = setTimeout(() => setAsking((n) => n + 1), FOLLOW_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [rev]);

  // a report of another period or region is marked stale until the new one comes; a refresh of the same is not
  const stale = loaded.state === 'failed' || loaded.question !== question;
  return { loaded, refresh: () => setAsking((n) => n + 1), stale };
}
