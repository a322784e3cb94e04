import { HttpError, InfluxDB, RequestTimedOutError } from '@influxdata/influxdb-client';

// Sends one batch of line protocol to InfluxDB's /api/v2/write and says what became of it. Only the HTTP request is
// the client's: the client's own batching, retry buffer and flush timer are switched off, because the sink keeps
// order, retries and spools to disk itself (a batch the client kept for a retry in memory would be lost on a restart).
//
// The outcome decides what the sink does with the batch:
//   written   2xx
//   rejected  400, 413, 422: this batch is malformed or too big; sending it again can only fail again, so it is shed
//   failed    anything else (network error, timeout, 5xx, 429, and 401/403/404, which are configuration an operator
//             can fix): the batch is kept and sent again later

export type WriteOutcome =
  | { kind: 'written' }
  | { kind: 'rejected'; status: number; code?: string }
  /** `reason` is for health and logs: short, and never the token, the URL or the server's reply (it quotes lines). */
  | { kind: 'failed'; reason: string };

export interface InfluxWriterOptions {
  url: string;
  token: string;
  org: string;
  bucket: string;
  timeoutMs: number;
}

const REJECTED = new Set([400, 413, 422]);

export function createInfluxWriter(options: InfluxWriterOptions): (lines: readonly string[]) => Promise<WriteOutcome> {
  let influx: InfluxDB;
  try {
    // `timeout` is the socket's idle timeout: a server that accepts the request and never answers fails it.
    influx = new InfluxDB({ url: options.url, token: options.token, timeout: options.timeoutMs });
  } catch {
    // An unusable URL (config validates it, so this is a protocol the client has no transport for).
    return async () => ({ kind: 'failed', reason: 'InfluxDB URL not usable' });
  }

  return async (lines) => {
    // A write API per batch: it holds nothing but options, and a fresh one can never carry a previous batch's state.
    const api = influx.getWriteApi(options.org, options.bucket, 'ms', {
      // Larger than the batch, so the client sends the whole batch in one request, when flush() is called.
      batchSize: lines.length + 1,
      maxBatchBytes: Number.MAX_SAFE_INTEGER,
      flushInterval: 0,
      maxRetries: 0,
      // Returning a promise makes it the result of flush(): the error reaches us as it is, and the client neither
      // logs it to the console nor keeps the lines for a retry of its own.
      writeFailed: (error: Error) => Promise.reject(error),
    });
    try {
      api.writeRecords(lines as string[]);
      await api.flush();
      return { kind: 'written' };
    } catch (err) {
      return outcomeOf(err, options.timeoutMs);
    }
  };
}

function outcomeOf(err: unknown, timeoutMs: number): WriteOutcome {
  if (err instanceof HttpError) {
    const status = err.statusCode;
    // The client reports any status but 204 and 201 as an error; another 2xx still means the data was taken.
    if (status >= 200 && status < 300) return { kind: 'written' };
    if (REJECTED.has(status)) return { kind: 'rejected', status, ...(err.code ? { code: err.code } : {}) };
    return { kind: 'failed', reason: httpReason(status) };
  }
  if (err instanceof RequestTimedOutError) return { kind: 'failed', reason: `InfluxDB did not answer within ${timeoutMs} ms` };
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === 'string') return { kind: 'failed', reason: `InfluxDB not reachable (${code})` };
  return { kind: 'failed', reason: `InfluxDB write failed (${(err as Error | undefined)?.name ?? 'unknown error'})` };
}

function httpReason(status: number): string {
  if (status === 401 || status === 403) return `InfluxDB refused the token (HTTP ${status})`;
  if (status === 404) return 'InfluxDB has no such organisation or bucket (HTTP 404)';
  if (status === 429) return 'InfluxDB is throttling writes (HTTP 429)';
  if (status >= 500) return `InfluxDB server error (HTTP ${status})`;
  return `InfluxDB answered HTTP ${status}`;
}
