import { describe, expect, it } from 'vitest';
import { mx } from './mx.js';

describe('evaluation', () => {
  it('eval accepts arrays, lists and objects of arrays', () => {
    const a = mx.add(mx.ones([2]), 1);
    const b = mx.multiply(mx.ones([2]), 3);
    mx.eval({ a, nested: [b] });
    expect(a.tolist()).toEqual([2, 2]);
    expect(() => mx.eval(3)).toThrow(/\[eval\] parameter 'arrays\[0\]'/);
  });

  it('asyncEval returns at once and never blocks the event loop', async () => {
    const key = mx.random.key(0);
    const m = mx.random.normal([512, 512], mx.float32, 0, 1 / 22.6, { key });
    let x = m;
    for (let i = 0; i < 24; i++) x = mx.matmul(x, m);
    const total = mx.sum(x);

    let ticks = 0;
    let ticksAtResolve = -1;
    const timer = setInterval(() => ticks++, 1);
    const started = performance.now();
    const pending = mx.asyncEval(total);
    const callMs = performance.now() - started;
    await pending.then(() => (ticksAtResolve = ticks));
    const totalMs = performance.now() - started;
    clearInterval(timer);

    // The call only schedules; the timer kept firing while MLX computed on its own thread.
    expect(callMs).toBeLessThan(totalMs / 4);
    expect(ticksAtResolve).toBeGreaterThan(0);
    // The scheduled result is the same as a synchronous evaluation of the same graph.
    const again = mx.sum(x);
    mx.eval(again);
    expect(total.item()).toBe(again.item());
  });

  it('several asyncEvals in flight resolve independently', async () => {
    const arrays = [1, 2, 3].map((k) => mx.multiply(mx.ones([128, 128]), k));
    await Promise.all(arrays.map((a) => mx.asyncEval(a)));
    expect(arrays.map((a) => mx.sum(a).item())).toEqual([16384, 32768, 49152]);
  });
});
