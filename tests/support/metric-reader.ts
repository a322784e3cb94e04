// Reads a running gateway's Prometheus counters and gauges, for tests that check every rejection is counted.

/** The gateway's /metrics page, parsed into sample lines. */
export async function scrape(httpUrl: string): Promise<Metrics> {
  const text = await (await fetch(`${httpUrl}/metrics`)).text();
  const lines = text.split('\n').filter((l) => l !== '' && !l.startsWith('#'));
  return {
    sum(name, labels = '') {
      // `name{...} value` or `name value`; a counter nobody incremented has no line at all, which reads as 0.
      return lines
        .filter((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `))
        .filter((l) => l.includes(labels))
        .reduce((total, l) => total + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
    },
  };
}

export interface Metrics {
  /** The sum of `name` over the label sets whose text contains `labels` (e.g. `reason="rate_limited"`). */
  sum(name: string, labels?: string): number;
}
