import { describe, expect, it } from 'vitest';
import { createRejectionAllowance, MAX_PER_WINDOW, REASON_GAP_MS, WINDOW_MS } from '../../../gateway/src/app/device-rejections/rejection-allowance.js';

// How often a device hears `rejected` (docs/device-protocol.md, 2.3): one per reason every 10 s, six a minute in all.

describe('the rejected replies a device may get', () => {
  it('when the same reason comes again within 10 s, then only the first gets a reply; after 10 s the next does', () => {
    const allowance = createRejectionAllowance();
    expect(allowance.take('btn-1', 'payload_invalid', 0)).toBe(true);
    expect(allowance.take('btn-1', 'payload_invalid', 1)).toBe(false);
    expect(allowance.take('btn-1', 'payload_invalid', REASON_GAP_MS - 1)).toBe(false);
    expect(allowance.take('btn-1', 'payload_invalid', REASON_GAP_MS)).toBe(true);
  });

  it('when other reasons come, then each gets its reply, up to six a minute in all', () => {
    const allowance = createRejectionAllowance();
    const reasons = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    expect(reasons.map((r, i) => allowance.take('btn-1', r, i))).toEqual(reasons.map((_, i) => i < MAX_PER_WINDOW));
    // A minute after the first reply, one more may go.
    expect(allowance.take('btn-1', 'g', WINDOW_MS)).toBe(true);
  });

  it('when one device is refused often, then another device still hears of its own refusal', () => {
    const allowance = createRejectionAllowance();
    for (let i = 0; i < 100; i += 1) allowance.take('flooder', 'payload_invalid', i);
    expect(allowance.take('quiet', 'payload_invalid', 100)).toBe(true);
  });
});
