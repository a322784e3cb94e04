// The ledger's period on screen: local calendar days, the last one included, as GET /elders/:id/ledger takes them;
// this month by default, and last month one click away (the month a county files).

const pad = (n: number) => String(n).padStart(2, '0');
const day = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

export interface LedgerPeriod {
  from: string;
  to: string;
}

/** The month `monthsBack` months before the one `now` is in, first to last day, in the browser's local time. */
export function monthPeriod(now: Date, monthsBack = 0): LedgerPeriod {
  const first = new Date(now.getFullYear(), now.getMonth() - monthsBack, 1);
  const last = new Date(first.getFullYear(), first.getMonth() + 1, 0);
  return { from: day(first), to: day(last) };
}

export const periodInvalid = (p: LedgerPeriod): boolean => p.from === '' || p.to === '' || p.to < p.from;
