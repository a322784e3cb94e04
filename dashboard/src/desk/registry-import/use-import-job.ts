// One import at a time in the panel: post the file, then poll its job until it is done or failed. The job's
// progress (rows checked of the total) moves the bar; a dry run's report stays on screen for the commit that follows.

import { useEffect, useRef, useState } from 'preact/hooks';
import type { ElderImportJob } from '../../../../schemas/index.js';
import { errorMessage, ApiError, type MessageRef } from '../../shared/api.js';
import { getImport, startImport } from './import-request.js';

/** Often enough that a bar of a few seconds moves smoothly, seldom enough to cost nothing. */
const POLL_MS = 300;

export type ImportStep = { kind: 'idle' } | { kind: 'uploading'; dryRun: boolean } | { kind: 'running'; job: ElderImportJob } | { kind: 'ended'; job: ElderImportJob };

/** The message of a refused file: the import's own codes, with the gateway's detail for a wrong format. */
function refusal(err: unknown): MessageRef {
  if (err instanceof ApiError && err.code.startsWith('IMPORT_')) return [`import.error.${err.code}`, { detail: err.message }];
  return errorMessage(err);
}

export function useImportJob() {
  const [step, setStep] = useState<ImportStep>({ kind: 'idle' });
  const [error, setError] = useState<MessageRef | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => (timer.current === null ? undefined : clearTimeout(timer.current)), []);

  function poll(id: string) {
    timer.current = setTimeout(async () => {
      try {
        const job = await getImport(id);
        if (job.state === 'done' || job.state === 'failed') setStep({ kind: 'ended', job });
        else {
          setStep({ kind: 'running', job });
          poll(id);
        }
      } catch (err) {
        setError(refusal(err));
        setStep({ kind: 'idle' });
      }
    }, POLL_MS);
  }

  async function run(file: File, options: { dryRun: boolean; onlyGoodRows: boolean }) {
    setError(null);
    setStep({ kind: 'uploading', dryRun: options.dryRun });
    try {
      const { id } = await startImport(file, options);
      poll(id);
    } catch (err) {
      setError(refusal(err));
      setStep({ kind: 'idle' });
    }
  }

  return { step, error, run, reset: () => (setStep({ kind: 'idle' }), setError(null)) };
}
