// Linear-map conformance: matmul (m, k, n in {1, 31, 32, 33} plus a 257 case, each float dtype, also with a
// transposed right operand), linalg.qr on the CPU stream (Q orthonormal, QR = A, R upper triangular), conv1d
// (depthwise groups = C with kernel 4 as Qwen3.5's linear-attention conv uses it, and groups = 1) and
// hadamardTransform (n = 1, 32, 256). Metric and tolerances: reference.ts.
//
// Excluded cases (MLX does not support them; each is asserted to throw a clear error below):
//   | case                              | reason                                                          |
//   |-----------------------------------|-----------------------------------------------------------------|
//   | matmul on int32 / uint8           | MLX matmul supports inexact (floating) types only               |
//   | linalg.qr on float16 / bfloat16   | MLX's LAPACK-backed QR takes float32 / float64 only             |
// float64 matmul and QR do run on the CPU and are checked at the float64 tolerance.
import { afterAll, describe, expect, it } from 'vitest';
import { mx } from '../../src/mx.js';
import type { Dtype } from '../../src/index.js';
import {
  FLOAT_DTYPES,
  SIZES,
  conv1dRef,
  expectClose,
  hadamardRef,
  makeInput,
  matmulRef,
  normalisedError,
  read,
  reportErrors,
  seedOf,
  tolerance,
  uniformValues,
} from './reference.js';

afterAll(reportErrors);

const MATMUL_DIMS = [1, 31, 32, 33] as const;

describe('matmul', () => {
  for (const dtype of FLOAT_DTYPES) {
    const cases: [number, number, number][] = [];
    for (const m of MATMUL_DIMS) for (const k of MATMUL_DIMS) for (const n of MATMUL_DIMS) cases.push([m, k, n]);
    cases.push([33, 257, 31]); // a long accumulation
    for (const [m, k, n] of cases) {
      const name = `matmul dtype=${dtype.name} m=${m} k=${k} n=${n}`;
      it(name, () => {
        mx.tidy(() => {
          const seed = seedOf(name);
          const a = makeInput(uniformValues(m * k, -1, 1, seed), [m, k], dtype);
          const b = makeInput(uniformValues(k * n, -1, 1, seed + 1), [k, n], dtype);
          expectClose(mx.matmul(a.arr, b.arr), matmulRef(a.vals, b.vals, m, k, n), { op: 'matmul', dtype, shape: [m, n] });
        });
      });
    }

    // x @ w.T with w stored (n, k), as linear layers do: the right operand is a transposed view.
    const tName = `matmul dtype=${dtype.name} m=33 k=257 n=32 b=transposed`;
    it(tName, () => {
      mx.tidy(() => {
        const [m, k, n] = [33, 257, 32];
        const seed = seedOf(tName);
        const a = makeInput(uniformValues(m * k, -1, 1, seed), [m, k], dtype);
        const w = makeInput(uniformValues(n * k, -1, 1, seed + 1), [n, k], dtype);
        const wt = new Float64Array(k * n);
        for (let i = 0; i < n; i++) for (let p = 0; p < k; p++) wt[p * n + i] = w.vals[i * k + p]!;
        expectClose(mx.matmul(a.arr, w.arr.T), matmulRef(a.vals, wt, m, k, n), { op: 'matmul', dtype, shape: [m, n] });
      });
    });

    const bName = `matmul dtype=${dtype.name} batched=(2,31,33)x(33,32)`;
    it(bName, () => {
      mx.tidy(() => {
        const seed = seedOf(bName);
        const a = makeInput(uniformValues(2 * 31 * 33, -1, 1, seed), [2, 31, 33], dtype);
        const b = makeInput(uniformValues(33 * 32, -1, 1, seed + 1), [33, 32], dtype);
        const ref = new Float64Array(2 * 31 * 32);
        for (let bi = 0; bi < 2; bi++) ref.set(matmulRef(a.vals.subarray(bi * 31 * 33), b.vals, 31, 33, 32), bi * 31 * 32);
        expectClose(mx.matmul(a.arr, b.arr), ref, { op: 'matmul', dtype, shape: [2, 31, 32] });
      });
    });
  }

  for (const [m, k, n] of [[33, 257, 31], [1, 32, 33]] as const) {
    const name = `matmul dtype=float64 m=${m} k=${k} n=${n} stream=cpu`;
    it(name, () => {
      mx.tidy(() => {
        const seed = seedOf(name);
        const a = makeInput(uniformValues(m * k, -1, 1, seed), [m, k], mx.float64);
        const b = makeInput(uniformValues(k * n, -1, 1, seed + 1), [k, n], mx.float64);
        expectClose(mx.matmul(a.arr, b.arr, { stream: mx.cpu }), matmulRef(a.vals, b.vals, m, k, n), {
          op: 'matmul',
          dtype: mx.float64,
          shape: [m, n],
        });
      });
    });
  }

  it.each([mx.int32, mx.uint8])('matmul dtype=%s is excluded: throws a clear error', (dtype) => {
    mx.tidy(() => {
      const a = mx.ones([2, 2], dtype);
      expect(() => mx.eval(mx.matmul(a, a))).toThrow(/\[matmul\].*Only inexact types are supported/);
    });
  });
});

// ---- QR ---------------------------------------------------------------------------------------------------

function checkQr(dtype: Dtype, rows: number, cols: number, name: string): void {
  mx.tidy(() => {
    const a = makeInput(uniformValues(rows * cols, -1, 1, seedOf(name)), [rows, cols], dtype);
    const [q, r] = mx.linalg.qr(a.arr, { stream: mx.cpu });
    const kk = Math.min(rows, cols);
    expect(q.shape).toEqual([rows, kk]);
    expect(r.shape).toEqual([kk, cols]);
    expect(q.dtype).toBe(dtype);
    expect(r.dtype).toBe(dtype);
    const qv = read(q);
    const rv = read(r);
    // R is upper triangular: exactly zero below the diagonal.
    for (let i = 0; i < kk; i++) for (let j = 0; j < Math.min(i, cols); j++) expect(rv[i * cols + j], `R[${i}][${j}]`).toBe(0);
    // QR = A
    expect(normalisedError(matmulRef(qv, rv, rows, kk, cols), a.vals), 'QR = A').toBeLessThanOrEqual(tolerance('qr', dtype));
    // Q^T Q = I (k x k)
    const qtq = new Float64Array(kk * kk);
    const eye = new Float64Array(kk * kk);
    for (let i = 0; i < kk; i++) {
      eye[i * kk + i] = 1;
      for (let j = 0; j < kk; j++) {
        let s = 0;
        for (let p = 0; p < rows; p++) s += qv[p * kk + i]! * qv[p * kk + j]!;
        qtq[i * kk + j] = s;
      }
    }
    expect(normalisedError(qtq, eye), 'Q^T Q = I').toBeLessThanOrEqual(tolerance('qr', dtype));
  });
}

describe('linalg.qr on the CPU stream', () => {
  for (const dtype of [mx.float32, mx.float64]) {
    for (const [rows, cols] of [[1, 1], [31, 31], [33, 32], [32, 33], [257, 33]] as const) {
      const name = `qr dtype=${dtype.name} shape=(${rows},${cols})`;
      it(name, () => checkQr(dtype, rows, cols, name));
    }
  }
  it.each([mx.float16, mx.bfloat16])('qr dtype=%s is excluded: throws a clear error', (dtype) => {
    mx.tidy(() => {
      expect(() => mx.eval(mx.linalg.qr(mx.eye(3, 3, 0, dtype), { stream: mx.cpu }))).toThrow(
        /\[qr\].*must have type float32 or float64/,
      );
    });
  });
});

// ---- conv1d -----------------------------------------------------------------------------------------------

describe('conv1d', () => {
  for (const dtype of FLOAT_DTYPES) {
    for (const L of SIZES) {
      // Depthwise, kernel 4, as in Qwen3.5's GatedDeltaNet short convolution (there: padding 0 over the
      // concatenated conv state; padding 3 here also covers L < 4).
      for (const pad of L >= 4 ? [0, 3] : [3]) {
        const C = 33;
        const K = 4;
        const name = `conv1d depthwise dtype=${dtype.name} N=2 L=${L} C=${C} K=${K} groups=${C} padding=${pad}`;
        it(name, () => {
          mx.tidy(() => {
            const seed = seedOf(name);
            const x = makeInput(uniformValues(2 * L * C, -1, 1, seed), [2, L, C], dtype);
            const w = makeInput(uniformValues(C * K, -1, 1, seed + 1), [C, K, 1], dtype);
            const dims = { N: 2, L, Cin: C, Cout: C, K, groups: C, pad };
            expectClose(mx.conv1d(x.arr, w.arr, { groups: C, padding: pad }), conv1dRef(x.vals, w.vals, dims), {
              op: 'conv1d',
              dtype,
              shape: [2, L + 2 * pad - K + 1, C],
            });
          });
        });
      }
      const name = `conv1d dtype=${dtype.name} N=2 L=${L} Cin=33 Cout=31 K=4 groups=1 padding=3`;
      it(name, () => {
        mx.tidy(() => {
          const seed = seedOf(name);
          const [Cin, Cout, K, pad] = [33, 31, 4, 3];
          const x = makeInput(uniformValues(2 * L * Cin, -1, 1, seed), [2, L, Cin], dtype);
          const w = makeInput(uniformValues(Cout * K * Cin, -1, 1, seed + 1), [Cout, K, Cin], dtype);
          const dims = { N: 2, L, Cin, Cout, K, groups: 1, pad };
          expectClose(mx.conv1d(x.arr, w.arr, { padding: pad }), conv1dRef(x.vals, w.vals, dims), {
            op: 'conv1d',
            dtype,
            shape: [2, L + 2 * pad - K + 1, Cout],
          });
        });
      });
    }
  }
});

// ---- Hadamard transform -----------------------------------------------------------------------------------

describe('hadamardTransform', () => {
  for (const dtype of FLOAT_DTYPES) {
    for (const n of [1, 32, 256]) {
      const name = `hadamard_transform dtype=${dtype.name} shape=(3,${n})`;
      it(name, () => {
        mx.tidy(() => {
          const x = makeInput(uniformValues(3 * n, -1, 1, seedOf(name)), [3, n], dtype);
          expectClose(mx.hadamardTransform(x.arr), hadamardRef(x.vals, 3, n), { op: 'hadamard_transform', dtype, shape: [3, n] });
        });
      });
    }
  }

  it('hadamard_transform dtype=float32 n=32 scale=1 (unnormalised)', () => {
    mx.tidy(() => {
      const x = makeInput(uniformValues(32, -1, 1, seedOf('hadamard scale=1')), [1, 32], mx.float32);
      const ref = Array.from(hadamardRef(x.vals, 1, 32), (v) => v * Math.sqrt(32));
      expectClose(mx.hadamardTransform(x.arr, 1), ref, { op: 'hadamard_transform', dtype: mx.float32, shape: [1, 32] });
    });
  });

  it('hadamard_transform is its own inverse (n=256, float32)', () => {
    mx.tidy(() => {
      const x = makeInput(uniformValues(256, -1, 1, seedOf('hadamard involution')), [256], mx.float32);
      expectClose(mx.hadamardTransform(mx.hadamardTransform(x.arr)), x.vals, {
        op: 'hadamard_transform',
        dtype: mx.float32,
        shape: [256],
      });
    });
  });
});
