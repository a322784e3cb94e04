import type { Readable } from 'node:stream';

// The last few kilobytes of a child's stdout and stderr: enough to explain an early exit, bounded so that a broker
// warning once per dropped connection (20,000 of them) cannot grow the harness's memory.

export function tailOutput(streams: (Readable | null)[], maxChars = 16_384): () => string {
  let text = '';
  for (const stream of streams) {
    stream?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.length > 2 * maxChars) text = text.slice(-maxChars);
    });
  }
  return () => text.slice(-maxChars);
}
