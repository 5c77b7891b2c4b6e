import { describe, expect, it } from 'vitest';
import { acquireWriteSlot, MAX_RUNNING_WRITES_PER_USER, runningWrites } from './write-gate';

describe('acquireWriteSlot', () => {
  it('runs at most MAX_RUNNING writes of one user at once and hands slots on in order', async () => {
    const user = `user-${Math.random()}`;
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 20 }, async (_, index) => {
        const release = await acquireWriteSlot(user);
        running += 1;
        peak = Math.max(peak, running);
        await new Promise((resolve) => setTimeout(resolve, 2));
        order.push(index);
        running -= 1;
        release();
      }),
    );
    expect(peak).toBe(MAX_RUNNING_WRITES_PER_USER);
    expect(order).toHaveLength(20);
    expect(runningWrites(user)).toBe(0);
  });

  it('does not make another user wait behind a busy one', async () => {
    const busy = `busy-${Math.random()}`;
    const releases = await Promise.all(Array.from({ length: MAX_RUNNING_WRITES_PER_USER }, () => acquireWriteSlot(busy)));
    const queued = acquireWriteSlot(busy);
    const other = await acquireWriteSlot(`other-${Math.random()}`);
    other();
    releases.forEach((release) => release());
    (await queued)();
    expect(runningWrites(busy)).toBe(0);
  });
});
