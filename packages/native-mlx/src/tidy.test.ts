import { describe, expect, it } from 'vitest';
import { mx } from './mx.js';

describe('lifetimes', () => {
  it('tidy frees what the scope made and keeps what it returns', () => {
    let inner: ReturnType<typeof mx.ones> | undefined;
    const kept = mx.tidy(() => {
      inner = mx.ones([4]);
      const a = mx.add(inner, 1);
      return { result: mx.multiply(a, 2), list: [mx.zeros([1])] };
    });
    expect(inner!.isDisposed).toBe(true);
    expect(kept.result.tolist()).toEqual([4, 4, 4, 4]);
    expect(kept.list[0]!.isDisposed).toBe(false);
  });

  it('nested scopes hand results outward; keep() exempts an array', () => {
    let kept: ReturnType<typeof mx.ones> | undefined;
    let passedOut: ReturnType<typeof mx.ones> | undefined;
    mx.tidy(() => {
      passedOut = mx.tidy(() => mx.ones([2]));
      kept = mx.keep(mx.ones([3]));
      expect(passedOut.isDisposed).toBe(false);
    });
    expect(passedOut!.isDisposed).toBe(true);
    expect(kept!.isDisposed).toBe(false);
    mx.dispose(kept);
    expect(kept!.isDisposed).toBe(true);
  });

  it('a loop of 100k small ops inside tidy keeps active memory flat', () => {
    const a = mx.ones([64]);
    const b = mx.ones([64]);
    mx.eval(a, b);
    const baseline = mx.getActiveMemory();
    const samples: number[] = [];
    for (let i = 1; i <= 100_000; i++) {
      mx.tidy(() => {
        const c = mx.add(a, b);
        mx.eval(c);
      });
      if (i % 20_000 === 0) samples.push(mx.getActiveMemory());
    }
    // Every iteration's 256-byte result is freed: active memory returns to the baseline, not 100k * 256 bytes.
    expect(samples).toEqual(samples.map(() => baseline));
  });

  it('one tidy around 100k ops frees them all at the end', () => {
    const a = mx.ones([16]);
    mx.eval(a);
    const baseline = mx.getActiveMemory();
    mx.tidy(() => {
      let acc = a;
      for (let i = 0; i < 100_000; i++) {
        acc = mx.add(acc, 1);
        if (i % 1000 === 999) mx.eval(acc);
      }
      expect(acc.tolist()[0]).toBe(100_001);
    });
    expect(mx.getActiveMemory()).toBe(baseline);
  });

  it('dispose releases memory at once', () => {
    const baseline = mx.getActiveMemory();
    const big = mx.ones([1024, 1024]);
    mx.eval(big);
    expect(mx.getActiveMemory()).toBeGreaterThanOrEqual(baseline + 4 * 1024 * 1024);
    big.dispose();
    expect(mx.getActiveMemory()).toBe(baseline);
    expect(mx.getPeakMemory()).toBeGreaterThanOrEqual(baseline + 4 * 1024 * 1024);
    mx.resetPeakMemory();
    mx.clearCache();
    expect(mx.getCacheMemory()).toBe(0);
  });
});
