import type { Logger } from 'pino';
import type { Metrics } from '../../app/ports/metrics.port.js';
import type { TelemetrySpool } from './telemetry-spool.js';

// Puts the InfluxDB sink's batches on disk and accounts for what that costs: the oldest batches the spool deletes to
// stay within its bound (`spool_full`), a batch the disk refuses (`spool_error`), and a batch shed because too many
// are already being written (`spool_backlog`: a disk slower than ingest must not turn into unbounded memory).
// Each kind of trouble is logged once until it stops, not once per batch.

export interface BatchSpooler {
  /** Appends not finished yet. */
  readonly inFlight: number;
  /** Resolves when the batch is on disk or shed and counted. Never rejects. */
  spool(seq: number, lines: string[]): Promise<void>;
  /** InfluxDB took a batch again: the next time the spool fills up is worth a warning. */
  recovered(): void;
}

export function createBatchSpooler(deps: {
  spool: TelemetrySpool;
  spoolMaxBytes: number;
  maxInFlight: number;
  metrics: Pick<Metrics, 'telemetryPointsShed' | 'telemetryBatches'>;
  log: Logger;
}): BatchSpooler {
  const { spool, metrics, log } = deps;
  const sink = { sink: 'influxdb' } as const;
  const shed = (points: number, reason: string) => points > 0 && metrics.telemetryPointsShed.inc({ ...sink, reason }, points);
  let inFlight = 0;
  let warnedFull = false;
  let broken = false;

  return {
    get inFlight() {
      return inFlight;
    },
    recovered() {
      warnedFull = false;
    },
    async spool(seq, lines) {
      if (inFlight >= deps.maxInFlight) return void shed(lines.length, 'spool_backlog');
      inFlight++;
      try {
        const result = await spool.append(seq, lines);
        for (const evicted of result.evicted) shed(evicted.lines, 'spool_full');
        if (result.refused) shed(lines.length, result.refused.reason);
        else metrics.telemetryBatches.inc({ ...sink, outcome: 'spooled' });
        if ((result.evicted.length > 0 || result.refused?.reason === 'spool_full') && !warnedFull) {
          warnedFull = true;
          log.warn({ spoolBytes: spool.bytes, spoolMaxBytes: deps.spoolMaxBytes }, 'telemetry spool full: the oldest telemetry is shed');
        }
        if (result.refused?.reason === 'spool_error') {
          if (!broken) log.error({ err: result.refused.error }, 'telemetry cannot be spooled to disk; it is shed');
          broken = true;
        } else if (!result.refused) broken = false;
      } catch (err) {
        log.error({ err }, 'spooling a telemetry batch failed');
      } finally {
        inFlight--;
      }
    },
  };
}
