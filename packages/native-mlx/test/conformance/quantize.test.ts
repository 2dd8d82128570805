// Affine quantization conformance: quantize / dequantize / quantizedMatmul for bits 2, 3, 4, 5, 6, 8 and group
// sizes 32, 64, 128, with float32 / float16 / bfloat16 weights.
//
// Reference: per group of `groupSize` consecutive weights, step = (max - min) / (2^bits - 1) (float64 loop).
// MLX's exact rule (checked below, not assumed): the edge with the larger magnitude becomes the bias, and the
// scale is snapped so that 0 is exactly representable:
//     edge = |min| > |max| ? min : max;  s0 = +-(max - min) / n_bins  (positive when edge = min)
//     q0 = rint(edge / s0);  scale = edge / q0;  bias = edge;  q = clip(rint((w - bias) / scale), 0, n_bins)
// so the scale can differ from the textbook (max - min) / n_bins by up to one code, and the far end of the group
// may be clipped: the dequantization error is bounded by one step (n/(n+1) of a step), not half a step. The
// tests assert exactly that bound, plus the rounding of scale / output in half precision.
//
// Packing: the codes form a little-endian bit stream (code j of a row at bits [j*bits, (j+1)*bits) of the row's
// uint32 words), also for 3, 5 and 6 bits where codes straddle words. Checked by unpacking with plain bit ops.
//
// Excluded cases: none (all listed bits / group sizes / float dtypes are supported on CPU).
import { afterAll, describe, expect, it } from 'vitest';
import { mx } from '../../src/mx.js';
import type { Dtype } from '../../src/index.js';
import { FLOAT_DTYPES, expectClose, makeInput, matmulRef, read, reportErrors, seedOf, uniformValues } from './reference.js';

afterAll(reportErrors);

const BITS = [2, 3, 4, 5, 6, 8] as const;
const GROUP_SIZES = [32, 64, 128] as const;
const ROWS = 8;
const COLS = 256;

/** Unit roundoff of the dtype the scales / dequantized values are stored in. */
const UNIT_ROUNDOFF: Record<string, number> = { float32: 2 ** -24, float16: 2 ** -11, bfloat16: 2 ** -8 };

/** Weights with some all-positive and all-negative groups (rows shifted by -1.5, 0, +1.5). */
function weights(name: string, dtype: Dtype) {
  const raw = uniformValues(ROWS * COLS, -1, 1, seedOf(name));
  for (let r = 0; r < ROWS; r++) for (let j = 0; j < COLS; j++) raw[r * COLS + j]! += ((r % 3) - 1) * 1.5;
  return makeInput(raw, [ROWS, COLS], dtype);
}

/** Code j of row r from the packed uint32 words, read as a little-endian bit stream. */
function unpack(words: Uint32Array, wordsPerRow: number, r: number, j: number, bits: number): number {
  let q = 0;
  for (let t = 0; t < bits; t++) {
    const p = j * bits + t;
    const word = words[r * wordsPerRow + (p >>> 5)]!;
    q |= ((word >>> (p & 31)) & 1) << t;
  }
  return q;
}

describe('affine quantize / dequantize', () => {
  for (const dtype of FLOAT_DTYPES) {
    for (const bits of BITS) {
      for (const groupSize of GROUP_SIZES) {
        const name = `quantize/dequantize dtype=${dtype.name} bits=${bits} group_size=${groupSize} shape=(${ROWS},${COLS})`;
        it(name, () => {
          mx.tidy(() => {
            const w = weights(name, dtype);
            const [wq, scales, biases] = mx.quantize(w.arr, { groupSize, bits });
            const groups = COLS / groupSize;
            const wordsPerRow = (COLS * bits) / 32;
            expect(wq!.shape).toEqual([ROWS, wordsPerRow]);
            expect(wq!.dtype).toBe(mx.uint32);
            expect(scales!.shape).toEqual([ROWS, groups]);
            expect(biases!.shape).toEqual([ROWS, groups]);
            expect(scales!.dtype).toBe(dtype);
            expect(biases!.dtype).toBe(dtype);

            const deqArr = mx.dequantize(wq!, scales!, biases!, { groupSize, bits });
            expect(deqArr.shape).toEqual([ROWS, COLS]);
            expect(deqArr.dtype).toBe(dtype);
            const deq = read(deqArr);
            const sv = read(scales!);
            const bv = read(biases!);
            const words = wq!.toTypedArray() as Uint32Array;
            const nBins = 2 ** bits - 1;
            const u = UNIT_ROUNDOFF[dtype.name]!;

            for (let r = 0; r < ROWS; r++) {
              for (let g = 0; g < groups; g++) {
                let min = Infinity;
                let max = -Infinity;
                let maxAbs = 0;
                for (let j = 0; j < groupSize; j++) {
                  const v = w.vals[r * COLS + g * groupSize + j]!;
                  min = Math.min(min, v);
                  max = Math.max(max, v);
                  maxAbs = Math.max(maxAbs, Math.abs(v));
                }
                const step = (max - min) / nBins;
                const scale = sv[r * groups + g]!;
                const bias = bv[r * groups + g]!;
                const where = `row ${r} group ${g}`;
                // MLX's rule: the larger-magnitude edge is the bias; the scale's sign points into the group.
                const edge = Math.abs(min) > Math.abs(max) ? min : max;
                expect(bias, `${where}: bias is the larger-magnitude edge`).toBe(edge);
                expect(Math.sign(scale), `${where}: scale sign`).toBe(edge === min ? 1 : -1);
                // |scale| is the textbook step up to one code over the range (+ the scale's own rounding).
                expect(Math.abs(Math.abs(scale) * nBins - (max - min)), `${where}: |scale| ~ step`).toBeLessThanOrEqual(
                  Math.abs(scale) * (1 + 1e-3 + nBins * u * 1.01),
                );
                // One quantization step per element (+ rounding of the scale times the code, and of the output).
                const allowed = step + (nBins * Math.abs(scale) + maxAbs) * u * 1.01 + 1e-7 * maxAbs;
                for (let j = 0; j < groupSize; j++) {
                  const idx = r * COLS + g * groupSize + j;
                  const err = Math.abs(deq[idx]! - w.vals[idx]!);
                  if (!(err <= allowed)) {
                    expect.fail(`${where} element ${j}: |dequantized - w| = ${err} > one step ${step} (+ rounding ${allowed - step})`);
                  }
                  // The packed code, unpacked with plain bit ops, reproduces the dequantized value.
                  const q = unpack(words, wordsPerRow, r, g * groupSize + j, bits);
                  expect(q).toBeLessThanOrEqual(nBins);
                  const rebuilt = scale * q + bias;
                  if (!(Math.abs(rebuilt - deq[idx]!) <= (Math.abs(rebuilt) + Math.abs(bias)) * u * 2)) {
                    expect.fail(`${where} element ${j}: code ${q} gives ${rebuilt}, dequantize gave ${deq[idx]}`);
                  }
                }
              }
            }
          });
        });
      }
    }
  }
});

describe('quantized_matmul against x @ dequantize(w).T', () => {
  for (const dtype of FLOAT_DTYPES) {
    for (const bits of BITS) {
      for (const groupSize of GROUP_SIZES) {
        for (const m of [1, 33]) {
          const name = `quantized_matmul dtype=${dtype.name} bits=${bits} group_size=${groupSize} m=${m} k=${COLS} n=${ROWS}`;
          it(name, () => {
            mx.tidy(() => {
              const w = weights(name, dtype);
              const x = makeInput(uniformValues(m * COLS, -1, 1, seedOf(name) + 1), [m, COLS], dtype);
              const [wq, scales, biases] = mx.quantize(w.arr, { groupSize, bits });
              const deq = read(mx.dequantize(wq!, scales!, biases!, { groupSize, bits }));
              // reference: x (m, k) @ deq^T (k, n)
              const deqT = new Float64Array(COLS * ROWS);
              for (let r = 0; r < ROWS; r++) for (let j = 0; j < COLS; j++) deqT[j * ROWS + r] = deq[r * COLS + j]!;
              const out = mx.quantizedMatmul(x.arr, wq!, scales!, biases!, { groupSize, bits });
              expectClose(out, matmulRef(x.vals, deqT, m, COLS, ROWS), { op: 'quantized_matmul', dtype, shape: [m, ROWS] });
            });
          });
        }
      }
    }
  }

  it('quantized_matmul dtype=float32 bits=4 group_size=64 transpose=false: x @ dequantize(w)', () => {
    mx.tidy(() => {
      // w (k=64, n=128) quantized along n; x (3, 64) @ w -> (3, 128)
      const [k, n] = [64, 128];
      const w = makeInput(uniformValues(k * n, -1, 1, seedOf('qmm nt w')), [k, n], mx.float32);
      const x = makeInput(uniformValues(3 * k, -1, 1, seedOf('qmm nt x')), [3, k], mx.float32);
      const [wq, scales, biases] = mx.quantize(w.arr, { groupSize: 64, bits: 4 });
      const deq = read(mx.dequantize(wq!, scales!, biases!, { groupSize: 64, bits: 4 }));
      const out = mx.quantizedMatmul(x.arr, wq!, scales!, biases!, { groupSize: 64, bits: 4, transpose: false });
      expectClose(out, matmulRef(x.vals, deq, 3, k, n), { op: 'quantized_matmul', dtype: mx.float32, shape: [3, n] });
    });
  });
});
