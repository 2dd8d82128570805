import { describe, expect, it } from 'vitest';
import { Xoshiro128StarStar, createRng, deriveSeed, randomUnitVectors, splitmix64, validateSeed } from './rng.js';

describe('splitmix64 / xoshiro128**', () => {
  it('splitmix64 matches the reference output for state 0', () => {
    // First output of Vigna's splitmix64.c from x = 0.
    expect(splitmix64(0n)[0]).toBe(0xe220a8397b1dcdafn);
  });

  it('xoshiro128** matches the reference stream for state [1, 2, 3, 4]', () => {
    const rng = Xoshiro128StarStar.fromState(1, 2, 3, 4);
    const stream = Array.from({ length: 10 }, () => rng.nextUint32());
    expect(stream).toEqual([
      11520, 0, 5927040, 70819200, 2031721883, 1637235492, 1287239034, 3734860849, 3729100597, 4258142804,
    ]);
  });

  it('same seed gives the same stream, different seeds differ', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const streamA = Array.from({ length: 64 }, () => a.nextUint32());
    const streamB = Array.from({ length: 64 }, () => b.nextUint32());
    const streamC = Array.from({ length: 64 }, () => c.nextUint32());
    expect(streamA).toEqual(streamB);
    expect(streamA).not.toEqual(streamC);
  });

  it('seed=0 stream is pinned (regression for the splitmix64 seeding)', () => {
    const rng = createRng(0);
    const [a] = splitmix64(0n);
    // s1 = high32(first splitmix64 output): the first xoshiro128** output is rotl(s1 * 5, 7) * 9.
    const s1 = Number(a >> 32n);
    const times5 = Math.imul(s1, 5);
    expect(rng.nextUint32()).toBe(Math.imul((times5 << 7) | (times5 >>> 25), 9) >>> 0);
  });

  it('nextFloat64 is in [0, 1) with mean 1/2 and variance 1/12', () => {
    const rng = createRng(7);
    const n = 200_000;
    let sum = 0;
    let sumSquares = 0;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.nextFloat64();
      if (!(u >= 0 && u < 1)) outside++;
      sum += u;
      sumSquares += u * u;
    }
    const mean = sum / n;
    expect(outside).toBe(0);
    expect(Math.abs(mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(sumSquares / n - mean * mean - 1 / 12)).toBeLessThan(0.002);
  });

  it('nextGaussian has mean 0, variance 1, kurtosis 3', () => {
    const rng = createRng(11);
    const n = 200_000;
    let m1 = 0;
    let m2 = 0;
    let m4 = 0;
    for (let i = 0; i < n; i++) {
      const z = rng.nextGaussian();
      m1 += z;
      m2 += z * z;
      m4 += z ** 4;
    }
    expect(Math.abs(m1 / n)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(m2 / n - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
    expect(Math.abs(m4 / n - 3)).toBeLessThan(0.1);
  });

  it('randomUnitVectors rows have norm 1', () => {
    const x = randomUnitVectors(createRng(3), 5, 33);
    for (let row = 0; row < 5; row++) {
      let squaredNorm = 0;
      for (let j = 0; j < 33; j++) squaredNorm += x[row * 33 + j]! ** 2;
      expect(squaredNorm).toBeCloseTo(1, 12);
    }
  });

  it('deriveSeed gives distinct valid seeds per stream', () => {
    const seeds = new Set([0, 1, 2, 3, 16, 17].map((stream) => deriveSeed(5, stream)));
    expect(seeds.size).toBe(6);
    for (const seed of seeds) expect(() => validateSeed(seed)).not.toThrow();
    expect(deriveSeed(5, 1)).toBe(deriveSeed(5, 1));
  });

  it.each([-1, 1.5, Number.NaN, 2 ** 53])('rejects seed=%s naming the parameter', (seed) => {
    expect(() => createRng(seed)).toThrow(/seed must be an integer/);
  });
});
