// The coverage on screen: asked again whenever the range or the region changes, on "refresh", and a little after the
// task book changes (a visit completed or retried on the board, or from the list below, moves the figures). A reply
// overtaken by a newer question is dropped; the last one stays on screen, marked stale, while the next one loads.

import { useEffect, useRef, useState } from 'preact/hooks';
import type { VisitCoverage } from '../../../../../schemas/index.js';
import { ApiError, errorMessage, type MessageRef } from '../../../shared/api.js';
import { tasksRev, token } from '../../state/desk-state.js';
import { coverageRegion, rangeChoice } from '../visits-choice.js';
import { fetchCoverage, type CoverageAsk } from '../visits-request.js';

/** A burst of task changes (a snapshot after a reconnect) costs one request. */
const FOLLOW_DEBOUNCE_MS = 2000;

const coverageError = (err: unknown): MessageRef => (err instanceof ApiError && err.code === 'REGION_NOT_FOUND' ? ['reports.error.region'] : errorMessage(err));

export interface LoadedCoverage {
  state: 'loading' | 'ok' | 'failed';
  coverage: VisitCoverage | null;
  /** What the coverage on screen was asked for (the exports ask the same). */
  asked: CoverageAsk | null;
  error: MessageRef | null;
  question: string | null;
}

export function useCoverage(): { loaded: LoadedCoverage; refresh: () => void; stale: boolean } {
  const [loaded, setLoaded] = useState<LoadedCoverage>({ state: 'loading', coverage: null, asked: null, error: null, question: null });
  const [asking, setAsking] = useState(0);
  const generation = useRef(0);
  const range = rangeChoice.value;
  const regionId = coverageRegion.value;
  const session = token.value;
  const question = JSON.stringify([range.kind, range.kind === 'month' ? range.month : range.quarter, regionId]);

  useEffect(() => {
    if (!session) return;
    const mine = ++generation.current;
    const ask: CoverageAsk = { range, regionId };
    setLoaded((before) => ({ ...before, state: 'loading' }));
    fetchCoverage(ask).then(
      (coverage) => mine === generation.current && setLoaded({ state: 'ok', coverage, asked: ask, error: null, question }),
      (err: unknown) => mine === generation.current && setLoaded((before) => ({ ...before, state: 'failed', error: coverageError(err) })),
    );
  }, [range, regionId, session, asking]);

  const rev = tasksRev.value;
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const timer = setTimeout(() => setAsking((n) => n + 1), FOLLOW_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [rev]);

  const stale = loaded.state === 'failed' || loaded.question !== question;
  return { loaded, refresh: () => setAsking((n) => n + 1), stale };
}
