// One bar split into parts that add up to a whole, each part in its own colour and labelled in a legend under it
// with its count, so the eye sees the shares and the reader the numbers. Plain CSS (no chart library): widths in %.

import { widthOf } from '../report-format.js';

export interface BarPart {
  key: string;
  label: string;
  count: number;
  /** A class of reports.css that colours the part (tone-open, tone-resolved …). */
  tone: string;
}

export function StackedBar({ parts, testid, label }: { parts: readonly BarPart[]; testid: string; label: string }) {
  const total = parts.reduce((sum, part) => sum + part.count, 0);
  return (
    <div class="stacked" data-testid={testid}>
      <div class="stacked-bar" role="img" aria-label={`${label}: ${parts.map((p) => `${p.label} ${p.count}`).join(', ')}`}>
        {parts.map((part) =>
          part.count > 0 ? <span key={part.key} class={`stacked-part ${part.tone}`} style={{ width: `${widthOf(part.count, total)}%` }} title={`${part.label} ${part.count}`} /> : null,
        )}
      </div>
      <ul class="stacked-legend">
        {parts.map((part) => (
          <li key={part.key} data-testid={`${testid}-${part.key}`} data-value={part.count}>
            <span class={`swatch ${part.tone}`} aria-hidden="true" />
            {part.label}
            <b>{part.count}</b>
          </li>
        ))}
      </ul>
    </div>
  );
}
