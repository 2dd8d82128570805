// mx.fast conformance: rmsNorm (with and without weight), layerNorm (with / without weight and bias), rope
// (traditional and non-traditional, offset, dims < head dim, number and array offsets) and
// scaledDotProductAttention (GQA H=4 / Hkv=2; no mask, causal with Lq != Lk, additive and boolean array masks),
// each in float32 / float16 / bfloat16 against the float64 loops in reference.ts.
//
// Excluded cases:
//   - causal attention with Lq > Lk: MLX aligns queries to the END of the keys (query i sees keys
//     j <= i + Lk - Lq), so the first Lq - Lk queries would see no key at all and their output is undefined (NaN).
import { afterAll, describe, expect, it } from 'vitest';
import { mx } from '../../src/mx.js';
import {
  FLOAT_DTYPES,
  SIZES,
  expectClose,
  intValues,
  layerNormRef,
  makeInput,
  reportErrors,
  rmsNormRef,
  ropeRef,
  sdpaRef,
  seedOf,
  uniformValues,
} from './reference.js';

afterAll(reportErrors);

const ROWS = 3;

describe('rms_norm', () => {
  for (const dtype of FLOAT_DTYPES) {
    for (const d of SIZES) {
      for (const withWeight of [true, false]) {
        const eps = 1e-6;
        const name = `rms_norm dtype=${dtype.name} d=${d} eps=${eps} weight=${withWeight}`;
        it(name, () => {
          mx.tidy(() => {
            const seed = seedOf(name);
            const x = makeInput(uniformValues(ROWS * d, -2, 2, seed), [ROWS, d], dtype);
            const w = withWeight ? makeInput(uniformValues(d, 0.5, 1.5, seed + 1), [d], dtype) : null;
            expectClose(mx.fast.rmsNorm(x.arr, w?.arr ?? null, eps), rmsNormRef(x.vals, w?.vals ?? null, ROWS, d, eps), {
              op: 'rms_norm',
              dtype,
              shape: [ROWS, d],
            });
          });
        });
      }
    }
    // Small inputs, so that eps is not negligible next to mean(x^2) (~3e-4 here): checks eps is applied as given.
    const name = `rms_norm dtype=${dtype.name} d=32 eps=1e-3 (eps comparable to mean(x^2))`;
    it(name, () => {
      mx.tidy(() => {
        const x = makeInput(uniformValues(ROWS * 32, -0.03, 0.03, seedOf(name)), [ROWS, 32], dtype);
        expectClose(mx.fast.rmsNorm(x.arr, null, 1e-3), rmsNormRef(x.vals, null, ROWS, 32, 1e-3), {
          op: 'rms_norm',
          dtype,
          shape: [ROWS, 32],
        });
      });
    });
  }
});

describe('layer_norm', () => {
  for (const dtype of FLOAT_DTYPES) {
    for (const d of SIZES) {
      for (const affine of ['weight+bias', 'weight', 'none'] as const) {
        const eps = 1e-5;
        const name = `layer_norm dtype=${dtype.name} d=${d} eps=${eps} affine=${affine}`;
        it(name, () => {
          mx.tidy(() => {
            const seed = seedOf(name);
            const x = makeInput(uniformValues(ROWS * d, -2, 3, seed), [ROWS, d], dtype);
            const w = affine !== 'none' ? makeInput(uniformValues(d, 0.5, 1.5, seed + 1), [d], dtype) : null;
            const b = affine === 'weight+bias' ? makeInput(uniformValues(d, -1, 1, seed + 2), [d], dtype) : null;
            expectClose(
              mx.fast.layerNorm(x.arr, w?.arr ?? null, b?.arr ?? null, eps),
              layerNormRef(x.vals, w?.vals ?? null, b?.vals ?? null, ROWS, d, eps),
              { op: 'layer_norm', dtype, shape: [ROWS, d] },
            );
          });
        });
      }
    }
  }
});

describe('rope', () => {
  const D = 64;
  const BATCH = 2;
  for (const dtype of FLOAT_DTYPES) {
    for (const L of [1, 33]) {
      for (const dims of [64, 32]) {
        for (const traditional of [false, true]) {
          for (const offset of [0, 7]) {
            const base = 10000;
            const name = `rope dtype=${dtype.name} L=${L} D=${D} dims=${dims} traditional=${traditional} offset=${offset} base=${base}`;
            it(name, () => {
              mx.tidy(() => {
                const x = makeInput(uniformValues(BATCH * L * D, -2, 2, seedOf(name)), [BATCH, L, D], dtype);
                const out = mx.fast.rope(x.arr, dims, { traditional, base, scale: 1, offset });
                expectClose(out, ropeRef(x.vals, BATCH, L, D, dims, { traditional, base, scale: 1, offset }), {
                  op: 'rope',
                  dtype,
                  shape: [BATCH, L, D],
                });
              });
            });
          }
        }
      }
    }
  }

  // Qwen-style settings: base 1e6, position scale 0.5, offset given as a scalar int32 array (a KV-cache offset),
  // on (B, H, L, D) input.
  for (const dtype of FLOAT_DTYPES) {
    for (const traditional of [false, true]) {
      const name = `rope dtype=${dtype.name} shape=(1,4,31,128) dims=96 traditional=${traditional} offset=array(40) base=1e6 scale=0.5`;
      it(name, () => {
        mx.tidy(() => {
          const x = makeInput(uniformValues(4 * 31 * 128, -2, 2, seedOf(name)), [1, 4, 31, 128], dtype);
          const opts = { traditional, base: 1e6, scale: 0.5 };
          const out = mx.fast.rope(x.arr, 96, { ...opts, offset: mx.array(40, mx.int32) });
          expectClose(out, ropeRef(x.vals, 4, 31, 128, 96, { ...opts, offset: 40 }), { op: 'rope', dtype, shape: [1, 4, 31, 128] });
        });
      });
    }
  }
});

describe('scaled_dot_product_attention (GQA H=4, Hkv=2)', () => {
  const B = 1;
  const H = 4;
  const Hkv = 2;
  const D = 64;
  const SHAPES: [number, number][] = [[1, 33], [5, 33], [33, 33], [31, 257]];
  for (const dtype of FLOAT_DTYPES) {
    for (const [Lq, Lk] of SHAPES) {
      for (const maskKind of ['none', 'causal', 'additive', 'bool'] as const) {
        const name = `scaled_dot_product_attention dtype=${dtype.name} B=${B} H=${H} Hkv=${Hkv} Lq=${Lq} Lk=${Lk} D=${D} mask=${maskKind}`;
        it(name, () => {
          mx.tidy(() => {
            const seed = seedOf(name);
            const q = makeInput(uniformValues(B * H * Lq * D, -1, 1, seed), [B, H, Lq, D], dtype);
            const k = makeInput(uniformValues(B * Hkv * Lk * D, -1, 1, seed + 1), [B, Hkv, Lk, D], dtype);
            const v = makeInput(uniformValues(B * Hkv * Lk * D, -1, 1, seed + 2), [B, Hkv, Lk, D], dtype);
            const scale = 1 / Math.sqrt(D);
            let mask: 'causal' | ReturnType<typeof mx.array> | null = null;
            let refMask: 'causal' | Float64Array | null = null;
            if (maskKind === 'causal') {
              mask = 'causal';
              refMask = 'causal';
            } else if (maskKind === 'additive') {
              // An additive (Lq, Lk) mask in the inputs' dtype, broadcast over batch and heads.
              const m = makeInput(uniformValues(Lq * Lk, -4, 1, seed + 3), [Lq, Lk], dtype);
              mask = m.arr;
              refMask = m.vals;
            } else if (maskKind === 'bool') {
              // true = attend. Key 0 is always visible so no row is fully masked.
              const keep = intValues(Lq * Lk, 0, 2, seed + 3).map((bit, idx) => idx % Lk === 0 || bit > 0);
              mask = mx.array(keep).reshape(Lq, Lk);
              refMask = Float64Array.from(keep, (kp) => (kp ? 0 : -Infinity));
            }
            const out = mx.fast.scaledDotProductAttention(q.arr, k.arr, v.arr, scale, { mask });
            const ref = sdpaRef(q.vals, k.vals, v.vals, { B, H, Hkv, Lq, Lk, D }, scale, refMask);
            expectClose(out, ref, { op: 'scaled_dot_product_attention', dtype, shape: [B, H, Lq, D] });
          });
        });
      }
    }
  }

  it('causal with Lq < Lk aligns queries to the end of the keys (query 0 sees keys 0..Lk-Lq)', () => {
    mx.tidy(() => {
      // v = one-hot positions, q = k = 0: the output is the mean of the visible keys' one-hot vectors.
      const [Lq, Lk] = [3, 5];
      const q = mx.zeros([1, 1, Lq, Lk]);
      const k = mx.zeros([1, 1, Lk, Lk]);
      const v = mx.eye(Lk).reshape(1, 1, Lk, Lk);
      const out = mx.fast.scaledDotProductAttention(q, k, v, 1, { mask: 'causal' });
      expect(out.shape).toEqual([1, 1, Lq, Lk]);
      const rows = (out.tolist() as number[][][][])[0]![0]!;
      rows.forEach((row, i) => {
        const visible = i + (Lk - Lq) + 1;
        row.forEach((value, j) => expect(value, `q${i} k${j}`).toBeCloseTo(j < visible ? 1 / visible : 0, 6));
      });
    });
  });
});
