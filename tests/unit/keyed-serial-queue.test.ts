import { describe, expect, it } from 'vitest';
import { KeyedSerialQueue } from '../../gateway/src/app/decisions/keyed-serial-queue.js';

describe('keyed serial queue', () => {
  it('when two tasks share a key, then the second starts only after the first ends, even if the first fails', async () => {
    const queue = new KeyedSerialQueue();
    const order: string[] = [];
    let release!: () => void;
    const first = queue.run('elder-1', async () => {
      order.push('first start');
      await new Promise<void>((r) => (release = r));
      order.push('first end');
      throw new Error('boom');
    });
    const second = queue.run('elder-1', async () => {
      order.push('second');
      return 2;
    });
    const other = queue.run('elder-2', async () => {
      order.push('other key');
      return 3;
    });
    await other;
    release();
    await expect(first).rejects.toThrow('boom');
    expect(await second).toBe(2);
    expect(order).toEqual(['first start', 'other key', 'first end', 'second']);
    await new Promise((r) => setTimeout(r, 0));
    expect(queue.activeKeys).toBe(0);
  });
});
