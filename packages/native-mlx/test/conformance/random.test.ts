// mx.random conformance. Every sample is drawn from an explicit key, so each test is deterministic: the Monte
// Carlo bounds below (4 standard errors) either hold for these keys or they do not; they cannot flake.
//
//   mean of N samples:      standard error sigma / sqrt(N)
//   std of N normal samples: standard error ~ sigma / sqrt(2N)
//
// Excluded cases: none.
import { describe, expect, it } from 'vitest';
import { mx } from '../../src/mx.js';
import type { Dtype, MxArray } from '../../src/index.js';
import { FLOAT_DTYPES, read } from './reference.js';

const N = 20000;

function moments(values: Float64Array): { mean: number; std: number } {
  let s = 0;
  for (const v of values) s += v;
  const mean = s / values.length;
  let ss = 0;
  for (const v of values) ss += (v - mean) ** 2;
  return { mean, std: Math.sqrt(ss / values.length) };
}

describe('random.normal', () => {
  for (const dtype of FLOAT_DTYPES) {
    for (const [loc, scale] of [[0, 1], [3, 0.5]] as const) {
      it(`normal dtype=${dtype.name} n=${N} loc=${loc} scale=${scale}: mean and std within 4 standard errors`, () => {
        mx.tidy(() => {
          const out = mx.random.normal([N], dtype, loc, scale, { key: mx.random.key(1234) });
          expect(out.shape).toEqual([N]);
          expect(out.dtype).toBe(dtype);
          const v = read(out);
          expect(v.every(Number.isFinite)).toBe(true);
          const { mean, std } = moments(v);
          expect(Math.abs(mean - loc)).toBeLessThan((4 * scale) / Math.sqrt(N));
          expect(Math.abs(std - scale)).toBeLessThan((4 * scale) / Math.sqrt(2 * N));
          // Shape of the distribution: ~68.3% within one sigma (binomial standard error ~0.0033). Samples that
          // rounded (float16 / bfloat16) onto the boundary itself count half, keeping the estimate unbiased.
          let inside = 0;
          for (const x of v) inside += Math.abs(x - loc) < scale ? 1 : Math.abs(x - loc) === scale ? 0.5 : 0;
          const within = inside / N;
          expect(Math.abs(within - 0.6827)).toBeLessThan(4 * Math.sqrt((0.6827 * 0.3173) / N));
        });
      });
    }
  }
});

describe('random.uniform', () => {
  for (const dtype of FLOAT_DTYPES) {
    for (const [low, high] of [[0, 1], [-3, 5]] as const) {
      it(`uniform dtype=${dtype.name} n=${N} range=[${low},${high}): values in range, mean and variance match`, () => {
        mx.tidy(() => {
          const out = mx.random.uniform(low, high, [N], dtype, { key: mx.random.key(99) });
          expect(out.dtype).toBe(dtype);
          const v = read(out);
          let lo = Infinity;
          let hi = -Infinity;
          for (const x of v) {
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
          }
          expect(lo).toBeGreaterThanOrEqual(low);
          expect(hi).toBeLessThan(high);
          const width = high - low;
          const sigma = width / Math.sqrt(12);
          const { mean, std } = moments(v);
          expect(Math.abs(mean - (low + high) / 2)).toBeLessThan((4 * sigma) / Math.sqrt(N));
          // Var of a uniform sample's std: sigma * sqrt(0.2 / N) (excess kurtosis -1.2).
          expect(Math.abs(std - sigma)).toBeLessThan(4 * sigma * Math.sqrt(0.2 / N));
          // Both halves of the range are populated evenly.
          const below = v.filter((x) => x < low + width / 2).length / N;
          expect(Math.abs(below - 0.5)).toBeLessThan(4 * Math.sqrt(0.25 / N));
        });
      });
    }
  }
});

describe('keys', () => {
  const draw = (key: MxArray, dtype: Dtype = mx.float32): number[] => Array.from(read(mx.random.normal([1000], dtype, 0, 1, { key })));

  it('the same key gives the same values (normal, uniform, randint)', () => {
    mx.tidy(() => {
      expect(draw(mx.random.key(7))).toEqual(draw(mx.random.key(7)));
      const u = () => Array.from(read(mx.random.uniform(0, 1, [257], mx.float32, { key: mx.random.key(8) })));
      expect(u()).toEqual(u());
      const r = () => Array.from(read(mx.random.randint(0, 1000, [257], mx.int32, { key: mx.random.key(9) })));
      expect(r()).toEqual(r());
    });
  });

  it('different keys give different values', () => {
    mx.tidy(() => {
      const a = draw(mx.random.key(7));
      const b = draw(mx.random.key(8));
      const same = a.filter((x, i) => x === b[i]).length;
      expect(same).toBeLessThan(5);
    });
  });

  it('random.split gives distinct subkeys that differ from the parent', () => {
    mx.tidy(() => {
      const parent = mx.random.key(42);
      expect(parent.shape).toEqual([2]);
      expect(parent.dtype).toBe(mx.uint32);
      const keys = mx.random.split(parent, 3);
      expect(keys.shape).toEqual([3, 2]);
      const k0 = mx.take(keys, 0, 0);
      const k1 = mx.take(keys, 1, 0);
      const [p, a, b] = [draw(parent), draw(k0), draw(k1)];
      expect(a).not.toEqual(b);
      expect(a).not.toEqual(p);
      // splitting is deterministic too
      expect(read(mx.random.split(mx.random.key(42), 3))).toEqual(read(keys));
    });
  });

  it('random.seed makes the global generator reproducible', () => {
    mx.tidy(() => {
      mx.random.seed(2024);
      const a = Array.from(read(mx.random.normal([100])));
      mx.random.seed(2024);
      const b = Array.from(read(mx.random.normal([100])));
      expect(a).toEqual(b);
      const c = Array.from(read(mx.random.normal([100])));
      expect(c).not.toEqual(a);
    });
  });

  it(`randint dtype=int32 n=${N} range=[-5,17): integers in range, every value hit, mean matches`, () => {
    mx.tidy(() => {
      const out = mx.random.randint(-5, 17, [N], mx.int32, { key: mx.random.key(5) });
      expect(out.dtype).toBe(mx.int32);
      const v = read(out);
      const counts = new Map<number, number>();
      for (const x of v) counts.set(x, (counts.get(x) ?? 0) + 1);
      expect([...counts.keys()].sort((x, y) => x - y)).toEqual(Array.from({ length: 22 }, (_, i) => i - 5));
      const sigma = Math.sqrt((22 * 22 - 1) / 12);
      expect(Math.abs(moments(v).mean - 5.5)).toBeLessThan((4 * sigma) / Math.sqrt(N));
    });
  });
});
