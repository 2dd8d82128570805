// Shape and indexing conformance: reshape, transpose, slice (with strides, also negative), sliceUpdate,
// concatenate, split, take, takeAlongAxis, expandDims / squeeze, pad, repeat, tile, sort, argsort and topk,
// against plain index loops. These ops only move or select values, so results must match exactly, in every dtype
// (float32, float16, bfloat16, int32, uint8, bool). Results are read straight back with toTypedArray / tolist,
// without a prior mx.eval, so lazily built views (transposes, strided slices, broadcasts) are read back too.
//
// Excluded cases: none.
import { describe, expect, it } from 'vitest';
import { mx } from '../../src/mx.js';
import type { Dtype } from '../../src/index.js';
import { SIZES, expectExact, intValues, makeInput, read, seedOf, uniformValues } from './reference.js';

const DTYPES: readonly Dtype[] = [mx.float32, mx.float16, mx.bfloat16, mx.int32, mx.uint8, mx.bool];
const COLS = 7;

/** Deterministic values valid for `dtype` (floats in [-4, 4), integers in [0, 200], bools). */
function input(name: string, shape: number[], dtype: Dtype) {
  const size = shape.reduce((a, b) => a * b, 1);
  const seed = seedOf(name);
  const raw =
    dtype === mx.bool
      ? intValues(size, 0, 1, seed)
      : dtype.kind === 'float'
        ? uniformValues(size, -4, 4, seed)
        : intValues(size, 0, 200, seed);
  return makeInput(raw, shape, dtype);
}

/** Row-major value at (i, j) of an (rows, cols) matrix. */
const at = (vals: ArrayLike<number>, cols: number, i: number, j: number): number => vals[i * cols + j]!;

describe('shapes and indexing (exact)', () => {
  for (const dtype of DTYPES) {
    for (const n of SIZES) {
      const tag = `dtype=${dtype.name} shape=(${n},${COLS})`;

      it(`reshape ${tag}`, () => {
        mx.tidy(() => {
          const a = input(`reshape ${tag}`, [n, COLS], dtype);
          expectExact(mx.reshape(a.arr, [COLS, n]), a.vals, [COLS, n], dtype);
          expectExact(mx.reshape(a.arr, [-1]), a.vals, [n * COLS], dtype);
          expectExact(mx.reshape(mx.transpose(a.arr), [n * COLS]), transposeRef(a.vals, n, COLS), [n * COLS], dtype);
        });
      });

      it(`transpose ${tag}`, () => {
        mx.tidy(() => {
          const a = input(`transpose ${tag}`, [n, COLS], dtype);
          expectExact(mx.transpose(a.arr), transposeRef(a.vals, n, COLS), [COLS, n], dtype);
          expectExact(a.arr.T, transposeRef(a.vals, n, COLS), [COLS, n], dtype);
          // 3-D: (2, n, 3) with axes [1, 2, 0] -> (n, 3, 2)
          const b = input(`transpose3 ${tag}`, [2, n, 3], dtype);
          const ref: number[] = [];
          for (let i = 0; i < n; i++) for (let j = 0; j < 3; j++) for (let k = 0; k < 2; k++) ref.push(b.vals[(k * n + i) * 3 + j]!);
          expectExact(mx.transpose(b.arr, [1, 2, 0]), ref, [n, 3, 2], dtype);
        });
      });

      it(`slice strides=[2,3] and strides=[-1,-2] ${tag}`, () => {
        mx.tidy(() => {
          const a = input(`slice ${tag}`, [n, COLS], dtype);
          const r0 = n > 1 ? 1 : 0;
          // a[r0:n:2, 1:7:3]
          const ref: number[] = [];
          let rows = 0;
          for (let i = r0; i < n; i += 2, rows++) for (let j = 1; j < COLS; j += 3) ref.push(at(a.vals, COLS, i, j));
          expectExact(mx.slice(a.arr, [r0, 1], [n, COLS], [2, 3]), ref, [rows, 2], dtype);
          // a[::-1, 6:0:-2] (negative strides walk backwards; stop -(n + 1) means "past the front")
          const rev: number[] = [];
          for (let i = n - 1; i >= 0; i--) for (let j = 6; j > 0; j -= 2) rev.push(at(a.vals, COLS, i, j));
          expectExact(mx.slice(a.arr, [n - 1, 6], [-(n + 1), 0], [-1, -2]), rev, [n, 3], dtype);
          // a[:, 2:5] (a column window: not contiguous in memory)
          const win: number[] = [];
          for (let i = 0; i < n; i++) for (let j = 2; j < 5; j++) win.push(at(a.vals, COLS, i, j));
          expectExact(mx.slice(a.arr, [0, 2], [n, 5]), win, [n, 3], dtype);
        });
      });

      it(`slice_update strides=[2,3] ${tag}`, () => {
        mx.tidy(() => {
          const a = input(`slice_update ${tag}`, [n, COLS], dtype);
          const rows = Math.ceil(n / 2);
          const u = input(`slice_update upd ${tag}`, [rows, 2], dtype);
          const ref = Array.from(a.vals);
          let k = 0;
          for (let i = 0; i < n; i += 2) for (let j = 1; j < COLS; j += 3) ref[i * COLS + j] = u.vals[k++]!;
          expectExact(mx.sliceUpdate(a.arr, u.arr, [0, 1], [n, COLS], [2, 3]), ref, [n, COLS], dtype);
          // The source is untouched (sliceUpdate returns a new array while `a` is still referenced).
          expectExact(a.arr, a.vals, [n, COLS], dtype);
        });
      });

      it(`concatenate axis=0 and axis=1 ${tag}`, () => {
        mx.tidy(() => {
          const a = input(`concat a ${tag}`, [n, COLS], dtype);
          const b = input(`concat b ${tag}`, [n, 3], dtype);
          const c = input(`concat c ${tag}`, [2, COLS], dtype);
          const ref1: number[] = [];
          for (let i = 0; i < n; i++) {
            for (let j = 0; j < COLS; j++) ref1.push(at(a.vals, COLS, i, j));
            for (let j = 0; j < 3; j++) ref1.push(at(b.vals, 3, i, j));
          }
          expectExact(mx.concatenate([a.arr, b.arr], 1), ref1, [n, COLS + 3], dtype);
          expectExact(mx.concatenate([a.arr, c.arr], 0), [...a.vals, ...c.vals], [n + 2, COLS], dtype);
        });
      });

      it(`split sections and indices ${tag}`, () => {
        mx.tidy(() => {
          const a = input(`split ${tag}`, [n, COLS], dtype);
          // indices [2, 5] along axis 1 -> widths 2, 3, 2
          const parts = mx.split(a.arr, [2, 5], 1);
          expect(parts.length).toBe(3);
          const bounds = [0, 2, 5, COLS];
          parts.forEach((part, p) => {
            const ref: number[] = [];
            for (let i = 0; i < n; i++) for (let j = bounds[p]!; j < bounds[p + 1]!; j++) ref.push(at(a.vals, COLS, i, j));
            expectExact(part, ref, [n, bounds[p + 1]! - bounds[p]!], dtype);
          });
          // n equal sections along axis 0: one row each
          const rows = mx.split(a.arr, n, 0);
          expect(rows.length).toBe(n);
          rows.forEach((row, i) => expectExact(row, a.vals.slice(i * COLS, (i + 1) * COLS), [1, COLS], dtype));
        });
      });

      it(`take axis=0, axis=1 and flat ${tag}`, () => {
        mx.tidy(() => {
          const a = input(`take ${tag}`, [n, COLS], dtype);
          const seed = seedOf(`take idx ${tag}`);
          const rowIdx = intValues(5, 0, n - 1, seed); // repeats allowed
          const ref0: number[] = [];
          for (const r of rowIdx) for (let j = 0; j < COLS; j++) ref0.push(at(a.vals, COLS, r, j));
          expectExact(mx.take(a.arr, mx.array(rowIdx, mx.int32), 0), ref0, [5, COLS], dtype);
          const colIdx = intValues(4, 0, COLS - 1, seed + 1);
          const ref1: number[] = [];
          for (let i = 0; i < n; i++) for (const c of colIdx) ref1.push(at(a.vals, COLS, i, c));
          expectExact(mx.take(a.arr, mx.array(colIdx, mx.uint32), 1), ref1, [n, 4], dtype);
          const flatIdx = intValues(6, 0, n * COLS - 1, seed + 2);
          expectExact(mx.take(a.arr, mx.array(flatIdx, mx.int32).reshape(2, 3)), flatIdx.map((f) => a.vals[f]!), [2, 3], dtype);
        });
      });

      it(`take_along_axis axis=1 and axis=0 ${tag}`, () => {
        mx.tidy(() => {
          const a = input(`take_along_axis ${tag}`, [n, COLS], dtype);
          const seed = seedOf(`take_along_axis idx ${tag}`);
          const idx1 = intValues(n * 4, 0, COLS - 1, seed);
          const ref1: number[] = [];
          for (let i = 0; i < n; i++) for (let j = 0; j < 4; j++) ref1.push(at(a.vals, COLS, i, idx1[i * 4 + j]!));
          expectExact(mx.takeAlongAxis(a.arr, mx.array(idx1, mx.int32).reshape(n, 4), 1), ref1, [n, 4], dtype);
          const idx0 = intValues(2 * COLS, 0, n - 1, seed + 1);
          const ref0: number[] = [];
          for (let i = 0; i < 2; i++) for (let j = 0; j < COLS; j++) ref0.push(at(a.vals, COLS, idx0[i * COLS + j]!, j));
          expectExact(mx.takeAlongAxis(a.arr, mx.array(idx0, mx.int32).reshape(2, COLS), 0), ref0, [2, COLS], dtype);
        });
      });

      it(`expand_dims / squeeze ${tag}`, () => {
        mx.tidy(() => {
          const a = input(`expand ${tag}`, [n, COLS], dtype);
          const e1 = mx.expandDims(a.arr, 1);
          expectExact(e1, a.vals, [n, 1, COLS], dtype);
          const e2 = mx.expandDims(a.arr, [0, 3]);
          expectExact(e2, a.vals, [1, n, COLS, 1], dtype);
          expectExact(mx.squeeze(e2, [0, 3]), a.vals, [n, COLS], dtype);
          expectExact(mx.squeeze(e1, 1), a.vals, [n, COLS], dtype);
          // squeeze() with no axis drops every size-1 axis (including n itself when n = 1).
          expectExact(mx.squeeze(e2), a.vals, n === 1 ? [COLS] : [n, COLS], dtype);
        });
      });

      it(`pad constant and edge ${tag}`, () => {
        mx.tidy(() => {
          const a = input(`pad ${tag}`, [n, COLS], dtype);
          const fill = dtype === mx.bool ? 1 : 9;
          const [top, bottom, left, right] = [1, 2, 0, 3];
          const outRows = n + top + bottom;
          const outCols = COLS + left + right;
          const constant: number[] = [];
          const edge: number[] = [];
          for (let i = 0; i < outRows; i++) {
            for (let j = 0; j < outCols; j++) {
              const si = i - top;
              const sj = j - left;
              const inside = si >= 0 && si < n && sj >= 0 && sj < COLS;
              constant.push(inside ? at(a.vals, COLS, si, sj) : fill);
              const ci = Math.min(Math.max(si, 0), n - 1);
              const cj = Math.min(Math.max(sj, 0), COLS - 1);
              edge.push(at(a.vals, COLS, ci, cj));
            }
          }
          const widths: [number, number][] = [[top, bottom], [left, right]];
          expectExact(mx.pad(a.arr, widths, fill), constant, [outRows, outCols], dtype);
          expectExact(mx.pad(a.arr, widths, 0, 'edge'), edge, [outRows, outCols], dtype);
        });
      });

      it(`repeat axis=1, axis=0 and flat ${tag}`, () => {
        mx.tidy(() => {
          const a = input(`repeat ${tag}`, [n, COLS], dtype);
          const r1: number[] = [];
          for (let i = 0; i < n; i++) for (let j = 0; j < COLS; j++) for (let r = 0; r < 3; r++) r1.push(at(a.vals, COLS, i, j));
          expectExact(mx.repeat(a.arr, 3, 1), r1, [n, COLS * 3], dtype);
          const r0: number[] = [];
          for (let i = 0; i < n; i++) for (let r = 0; r < 2; r++) for (let j = 0; j < COLS; j++) r0.push(at(a.vals, COLS, i, j));
          expectExact(mx.repeat(a.arr, 2, 0), r0, [n * 2, COLS], dtype);
          const flat: number[] = [];
          for (const v of a.vals) flat.push(v, v);
          expectExact(mx.repeat(a.arr, 2), flat, [n * COLS * 2], dtype);
        });
      });

      it(`tile reps=[2,3] ${tag}`, () => {
        mx.tidy(() => {
          const a = input(`tile ${tag}`, [n, COLS], dtype);
          const ref: number[] = [];
          for (let i = 0; i < 2 * n; i++) for (let j = 0; j < 3 * COLS; j++) ref.push(at(a.vals, COLS, i % n, j % COLS));
          expectExact(mx.tile(a.arr, [2, 3]), ref, [2 * n, 3 * COLS], dtype);
        });
      });

      it(`broadcast_to (1,7)->(${n},7) ${tag}`, () => {
        mx.tidy(() => {
          const a = input(`broadcast ${tag}`, [1, COLS], dtype);
          const ref: number[] = [];
          for (let i = 0; i < n; i++) ref.push(...a.vals);
          expectExact(mx.broadcastTo(a.arr, [n, COLS]), ref, [n, COLS], dtype);
        });
      });
    }
  }
});

function transposeRef(vals: ArrayLike<number>, rows: number, cols: number): number[] {
  const out: number[] = [];
  for (let j = 0; j < cols; j++) for (let i = 0; i < rows; i++) out.push(vals[i * cols + j]!);
  return out;
}

describe('sort, argsort, topk', () => {
  const SORT_DTYPES: readonly Dtype[] = [mx.float32, mx.float16, mx.bfloat16, mx.int32, mx.uint8];
  for (const dtype of SORT_DTYPES) {
    for (const n of SIZES) {
      const tag = `dtype=${dtype.name} shape=(3,${n})`;
      const rowsOf = (vals: ArrayLike<number>): number[][] =>
        [0, 1, 2].map((r) => Array.from({ length: n }, (_, j) => vals[r * n + j]!));

      it(`sort axis=-1 ${tag}`, () => {
        mx.tidy(() => {
          const a = input(`sort ${tag}`, [3, n], dtype);
          const ref = rowsOf(a.vals).flatMap((row) => [...row].sort((x, y) => x - y));
          expectExact(mx.sort(a.arr), ref, [3, n], dtype);
        });
      });

      it(`argsort axis=-1 ${tag} (indices are a permutation; gathered values sorted)`, () => {
        mx.tidy(() => {
          const a = input(`argsort ${tag}`, [3, n], dtype);
          const idx = mx.argsort(a.arr);
          expect(idx.shape).toEqual([3, n]);
          expect(idx.dtype).toBe(mx.uint32);
          const iv = read(idx);
          rowsOf(a.vals).forEach((row, r) => {
            const perm = Array.from(iv.slice(r * n, (r + 1) * n));
            expect([...perm].sort((x, y) => x - y)).toEqual(Array.from({ length: n }, (_, j) => j));
            expect(perm.map((p) => row[p]!)).toEqual([...row].sort((x, y) => x - y));
          });
          // ... and take_along_axis with them reproduces sort().
          expectExact(mx.takeAlongAxis(a.arr, idx, -1), read(mx.sort(a.arr)), [3, n], dtype);
        });
      });

      for (const k of [...new Set([1, Math.min(4, n), n])]) {
        it(`topk k=${k} axis=-1 ${tag} (values as a set)`, () => {
          mx.tidy(() => {
            const a = input(`topk ${k} ${tag}`, [3, n], dtype);
            const out = mx.topk(a.arr, k);
            expect(out.shape).toEqual([3, k]);
            expect(out.dtype).toBe(dtype);
            const ov = read(out);
            rowsOf(a.vals).forEach((row, r) => {
              const want = [...row].sort((x, y) => y - x).slice(0, k).sort((x, y) => x - y);
              const got = Array.from(ov.slice(r * k, (r + 1) * k)).sort((x, y) => x - y);
              expect(got).toEqual(want);
            });
          });
        });
      }
    }
  }
});

describe('reading back lazily built views', () => {
  // Regression: toTypedArray / tolist must evaluate before looking at the layout flags. An unevaluated array
  // reports row-contiguous by default, so copying a transposed / strided / broadcast view's buffer as-is gives the
  // storage order (or reads past the buffer) instead of the logical values. (Seen in the addon built before
  // 07:50 on 2026-11-24: mx.transpose(a).toTypedArray() returned a's own order.)
  it('toTypedArray of an unevaluated transpose / strided slice / broadcast / column window', () => {
    mx.tidy(() => {
      const nums = (x: ArrayLike<number | bigint>): number[] => Array.from(x, Number);
      const a = mx.array([[1, 2, 3], [4, 5, 6]], mx.float32);
      expect(nums(mx.transpose(a).toTypedArray())).toEqual([1, 4, 2, 5, 3, 6]);
      expect(nums(mx.slice(mx.arange(10), [1], [9], [3]).toTypedArray())).toEqual([1, 4, 7]);
      expect(nums(mx.slice(a, [0, 1], [2, 3]).toTypedArray())).toEqual([2, 3, 5, 6]);
      expect(nums(mx.broadcastTo(mx.array([7, 8], mx.int32), [3, 2]).toTypedArray())).toEqual([7, 8, 7, 8, 7, 8]);
      expect(mx.transpose(mx.array([[1, 2], [3, 4]], mx.int32)).tolist()).toEqual([[1, 3], [2, 4]]);
      const h = mx.array([[1, 2, 3], [4, 5, 6]], mx.bfloat16);
      expect(nums(mx.transpose(h).toTypedArray())).toEqual([1, 4, 2, 5, 3, 6]);
      expect(nums(mx.transpose(h).toTypedArray({ raw: true }))).toEqual(
        nums(mx.array([1, 4, 2, 5, 3, 6], mx.bfloat16).toTypedArray({ raw: true })),
      );
    });
  });
});
