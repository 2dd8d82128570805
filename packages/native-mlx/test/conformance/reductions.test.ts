// Reduction conformance: sum, mean, max, min, argmax, logsumexp, softmax (precise) and cumsum along each axis of
// a 2-D (n, 33) array, n in the awkward sizes, for float32 / float16 / bfloat16; integer sums / max / min for
// int32 / uint32 / uint8 / int64 (exact, with MLX's accumulator dtypes). Metric and tolerances: reference.ts.
//
// Excluded cases: none on CPU. (cumsum in float16 / bfloat16 needs a wider tolerance: see OP_TOLERANCE.cumsum.)
import { afterAll, describe, expect, it } from 'vitest';
import { mx } from '../../src/mx.js';
import type { MxArray } from '../../src/index.js';
import {
  FLOAT_DTYPES,
  SIZES,
  expectClose,
  intValues,
  lineArgmax,
  lineCumsum,
  lineLogsumexp,
  lineMax,
  lineMin,
  lineSoftmax,
  lineSum,
  makeInput,
  map2d,
  read,
  reduce2d,
  reportErrors,
  seedOf,
  uniformValues,
} from './reference.js';

afterAll(reportErrors);

const COLS = 33;

const REDUCTIONS: { op: string; fn: (a: MxArray, axis: number) => MxArray; ref: (line: number[]) => number; lo: number; hi: number }[] = [
  { op: 'sum', fn: (a, axis) => mx.sum(a, axis), ref: lineSum, lo: -1, hi: 1 },
  // Positive inputs for mean so the reference is not a cancellation-dominated near-zero value.
  { op: 'mean', fn: (a, axis) => mx.mean(a, axis), ref: (l) => lineSum(l) / l.length, lo: -0.5, hi: 1 },
  { op: 'max', fn: (a, axis) => mx.max(a, axis), ref: lineMax, lo: -4, hi: 4 },
  { op: 'min', fn: (a, axis) => mx.min(a, axis), ref: lineMin, lo: -4, hi: 4 },
  { op: 'logsumexp', fn: (a, axis) => mx.logsumexp(a, axis), ref: lineLogsumexp, lo: -3, hi: 3 },
];

describe('float reductions along each axis of (n, 33)', () => {
  for (const r of REDUCTIONS) {
    for (const dtype of FLOAT_DTYPES) {
      for (const n of SIZES) {
        for (const axis of [0, 1] as const) {
          const name = `${r.op} dtype=${dtype.name} shape=(${n},${COLS}) axis=${axis}`;
          it(name, () => {
            mx.tidy(() => {
              const x = makeInput(uniformValues(n * COLS, r.lo, r.hi, seedOf(name)), [n, COLS], dtype);
              const ref = reduce2d(x.vals, n, COLS, axis, r.ref);
              expectClose(r.fn(x.arr, axis), ref, { op: r.op, dtype, shape: [axis === 0 ? COLS : n] });
            });
          });
        }
      }
    }
  }

  for (const dtype of FLOAT_DTYPES) {
    it(`sum dtype=${dtype.name} shape=(31,33) axis=1 keepdims=true`, () => {
      mx.tidy(() => {
        const x = makeInput(uniformValues(31 * COLS, -1, 1, seedOf(`sum keepdims ${dtype.name}`)), [31, COLS], dtype);
        expectClose(mx.sum(x.arr, 1, true), reduce2d(x.vals, 31, COLS, 1, lineSum), { op: 'sum', dtype, shape: [31, 1] });
      });
    });
    it(`sum dtype=${dtype.name} shape=(257,33) all axes`, () => {
      mx.tidy(() => {
        const x = makeInput(uniformValues(257 * COLS, -0.2, 1, seedOf(`sum all ${dtype.name}`)), [257, COLS], dtype);
        expectClose(mx.sum(x.arr), [lineSum(Array.from(x.vals))], { op: 'sum', dtype, shape: [] });
      });
    });
  }
});

describe('argmax along each axis of (n, 33)', () => {
  for (const dtype of FLOAT_DTYPES) {
    for (const n of SIZES) {
      for (const axis of [0, 1] as const) {
        const name = `argmax dtype=${dtype.name} shape=(${n},${COLS}) axis=${axis}`;
        it(name, () => {
          mx.tidy(() => {
            // A coarse grid makes ties common; MLX (like NumPy) returns the first maximal index.
            const x = makeInput(intValues(n * COLS, -20, 20, seedOf(name)).map((v) => v / 4), [n, COLS], dtype);
            const out = mx.argmax(x.arr, axis);
            expect(out.shape).toEqual([axis === 0 ? COLS : n]);
            expect(out.dtype).toBe(mx.uint32);
            expect(Array.from(read(out))).toEqual(Array.from(reduce2d(x.vals, n, COLS, axis, lineArgmax)));
          });
        });
      }
    }
  }
});

describe('softmax (precise) and cumsum along each axis of (n, 33)', () => {
  for (const dtype of FLOAT_DTYPES) {
    for (const n of SIZES) {
      for (const axis of [0, 1] as const) {
        const sName = `softmax dtype=${dtype.name} shape=(${n},${COLS}) axis=${axis} precise=true`;
        it(sName, () => {
          mx.tidy(() => {
            const x = makeInput(uniformValues(n * COLS, -4, 4, seedOf(sName)), [n, COLS], dtype);
            expectClose(mx.softmax(x.arr, axis, true), map2d(x.vals, n, COLS, axis, lineSoftmax), {
              op: 'softmax',
              dtype,
              shape: [n, COLS],
            });
          });
        });
        const cName = `cumsum dtype=${dtype.name} shape=(${n},${COLS}) axis=${axis}`;
        it(cName, () => {
          mx.tidy(() => {
            const x = makeInput(uniformValues(n * COLS, -1, 1, seedOf(cName)), [n, COLS], dtype);
            expectClose(mx.cumsum(x.arr, axis), map2d(x.vals, n, COLS, axis, lineCumsum), {
              op: 'cumsum',
              dtype,
              shape: [n, COLS],
            });
          });
        });
      }
    }
  }

  it('cumsum dtype=float32 n=257 reverse=true inclusive=false', () => {
    mx.tidy(() => {
      const x = makeInput(uniformValues(257, -1, 1, seedOf('cumsum reverse exclusive')), [257], mx.float32);
      const ref = new Float64Array(257);
      for (let i = 0; i < 257; i++) for (let j = i + 1; j < 257; j++) ref[i]! += x.vals[j]!;
      expectClose(mx.cumsum(x.arr, 0, true, false), ref, { op: 'cumsum', dtype: mx.float32, shape: [257] });
    });
  });
});

describe('integer reductions (exact)', () => {
  // MLX's accumulator dtypes: sums of types narrower than 32 bits come back as (u)int32; others keep their dtype.
  const CASES = [
    { dtype: mx.int32, sumDtype: mx.int32, lo: -100000, hi: 100000 },
    { dtype: mx.uint32, sumDtype: mx.uint32, lo: 0, hi: 1000000 },
    { dtype: mx.uint8, sumDtype: mx.uint32, lo: 0, hi: 255 },
    { dtype: mx.int64, sumDtype: mx.int64, lo: -(2 ** 40), hi: 2 ** 40 },
  ];
  for (const c of CASES) {
    for (const n of SIZES) {
      for (const axis of [0, 1] as const) {
        const name = `sum/max/min dtype=${c.dtype.name} shape=(${n},${COLS}) axis=${axis}`;
        it(name, () => {
          mx.tidy(() => {
            const vals = intValues(n * COLS, c.lo, c.hi, seedOf(name));
            const a =
              c.dtype === mx.int64
                ? mx.fromTypedArray(BigInt64Array.from(vals, BigInt), [n, COLS], c.dtype)
                : mx.fromTypedArray(Float64Array.from(vals), [n, COLS], c.dtype);
            const s = mx.sum(a, axis);
            expect(s.dtype).toBe(c.sumDtype);
            // Every sum here stays below 2^53 in magnitude, so float64 sums are exact.
            expect(Array.from(read(s))).toEqual(Array.from(reduce2d(vals, n, COLS, axis, lineSum)));
            expect(Array.from(read(mx.max(a, axis)))).toEqual(Array.from(reduce2d(vals, n, COLS, axis, lineMax)));
            expect(Array.from(read(mx.min(a, axis)))).toEqual(Array.from(reduce2d(vals, n, COLS, axis, lineMin)));
          });
        });
      }
    }
  }
});
