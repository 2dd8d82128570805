// Shared pieces of the op-conformance suite: a seeded PRNG, the per-dtype tolerance table, the error metric, and
// plain float64 reference implementations (straight nested loops, no cleverness) that the *.test.ts files compare
// MLX against.
//
// ERROR METRIC
//   Every float comparison uses the normalised max error
//       err = max_i |out_i - ref_i| / max(max_i |ref_i|, TINY)
//   i.e. the worst absolute deviation measured in units of the largest reference magnitude. It is scale-free (a
//   sum over 257 terms and a single element are judged alike) and does not blow up on individual reference values
//   that happen to be near zero, which a per-element relative error would. NaN anywhere in the output counts as
//   an infinite error. A case passes when err <= tolerance(op, dtype).
//
// INPUTS
//   Inputs come from mulberry32 (seeded, deterministic). For float16 / bfloat16 cases the MLX array is created in
//   that dtype first and its values are read back (toTypedArray gives a Float32Array), so the references run on
//   exactly the rounded values MLX sees; the tolerance only has to cover MLX's arithmetic and output rounding.
//
// KNOBS (environment variables)
//   CONFORMANCE_SEED=<k>  reruns every case on a different deterministic input set (default 0). The tolerance
//                         table below was checked against k = 0..29.
//   CONFORMANCE_REPORT=1  prints, per test file, the worst normalised error seen for each op and dtype.
import { expect } from 'vitest';
import { mx } from '../../src/mx.js';
import type { Dtype, MxArray } from '../../src/index.js';

// ---- sizes and dtypes -------------------------------------------------------------------------------------

/** Awkward sizes: a single element, around a 32-wide SIMD / tile boundary, and a long odd length. */
export const SIZES = [1, 31, 32, 33, 257] as const;
export const FLOAT_DTYPES: readonly Dtype[] = [mx.float32, mx.float16, mx.bfloat16];
export type FloatDtypeName = 'float32' | 'float16' | 'bfloat16' | 'float64';

// ---- tolerance table --------------------------------------------------------------------------------------

/**
 * Starting tolerances for the normalised error, by dtype. float32 1e-5 is ~170 units of its 2^-24 rounding; the
 * half types get about two units of their output rounding (fp16 u = 2^-11 = 4.9e-4, bf16 u = 2^-8 = 3.9e-3).
 * float64 (a CPU-only dtype in MLX) is checked for elementwise ops, matmul and QR.
 */
export const BASE_TOLERANCE: Readonly<Record<FloatDtypeName, number>> = {
  float32: 1e-5,
  float16: 1e-3,
  bfloat16: 1e-2,
  float64: 1e-12,
};

interface Widening {
  float64?: number;
  float32?: number;
  float16?: number;
  bfloat16?: number;
  /** Why the op needs more than BASE_TOLERANCE. */
  reason: string;
}

/**
 * Ops that genuinely need a looser bound than BASE_TOLERANCE, each with the reason. Everything not listed here
 * uses BASE_TOLERANCE unchanged. Do not add entries to make a failure go away without understanding it.
 */
export const OP_TOLERANCE: Readonly<Record<string, Widening>> = {
  // u = unit roundoff, the relative error of one rounding: fp16 2^-11 = 4.9e-4, bf16 2^-8 = 3.9e-3, so the base
  // tolerances are ~2u (fp16) and ~2.5u (bf16): room for an op whose result is at most about two roundings away
  // from the exact value. "Observed" = the worst case over CONFORMANCE_SEED=0..29, i.e. thirty different input
  // sets for every case in the suite (all of which pass).
  // float64 on MLX's CPU backend: these transcendental kernels evaluate float64 inputs with float32-accuracy
  // approximations (exp(1) comes back as 2.7182817459106445; absolute errors ~1e-7), while add / multiply /
  // divide / sqrt / log / tanh / power are exact to ~1e-16 and keep the 1e-12 float64 tolerance. These five get
  // 1e-5 ("float32-accurate"): for n = 1 the normalised error is the relative error of a single value, which
  // grows near a zero of sin / cos (observed over 30 input sets: cos 2.3e-6, sin 1.1e-6, erf 7.6e-7,
  // exp 3.2e-7, sigmoid 2.8e-7).
  exp: { float64: 1e-5, reason: 'MLX CPU float64 exp is only float32-accurate (see above).' },
  sin: { float64: 1e-5, reason: 'MLX CPU float64 sin is only float32-accurate (see above).' },
  cos: { float64: 1e-5, reason: 'MLX CPU float64 cos is only float32-accurate (see above).' },
  sigmoid: { float64: 1e-5, reason: 'MLX CPU float64 sigmoid goes through the float32-accurate exp.' },
  erf: { float64: 1e-5, reason: 'MLX CPU float64 erf is only float32-accurate (see above).' },
  cumsum: {
    float16: 1e-2,
    bfloat16: 8e-2,
    reason:
      'MLX CPU scans accumulate in the input dtype (sum accumulates in float32, cumsum does not: a bf16 cumsum of ' +
      '4097 x 0.1 stalls at 32). Each of up to 257 sequential adds rounds the running sum, so the error grows ' +
      'like sqrt(n) * u * |partial sum| ~ 16u (fp16 8e-3, bf16 6e-2). Observed: fp16 4.9e-3, bf16 3.8e-2.',
  },
  mean: {
    float16: 2e-3,
    bfloat16: 1.5e-2,
    reason:
      'MLX computes mean as sum(x) rounded to the dtype, times 1/n rounded to the dtype, rounded again (checked: ' +
      'the fp16 mean of three 1.9990234375 is 1.998046875): three roundings, ~3u (fp16 1.5e-3, bf16 1.2e-2). ' +
      'Observed: fp16 7.3e-4, bf16 6.6e-3.',
  },
  layer_norm: {
    float16: 2e-3,
    bfloat16: 1.5e-2,
    reason:
      "MLX's layer_norm normalises in float32, casts to the dtype, then multiplies by the weight and adds the bias " +
      'in the dtype: three roundings, ~3u (fp16 1.5e-3, bf16 1.2e-2). Observed: fp16 8.5e-4 (85% of the 1e-3 ' +
      'start), bf16 6.1e-3. (rms_norm has two roundings, within the base tolerance.)',
  },
  rope: {
    float16: 2e-3,
    bfloat16: 1.6e-2,
    reason:
      "MLX's rope casts cos(theta) / sin(theta) to the input dtype and computes x1*cos - x2*sin, x1*sin + x2*cos " +
      'in it: four roundings, ~4u (fp16 2e-3, bf16 1.6e-2). Observed: fp16 9.6e-4 (96% of the 1e-3 start), ' +
      'bf16 8.1e-3.',
  },
  hadamard_transform: {
    float16: 3e-3,
    bfloat16: 2e-2,
    reason:
      'For half inputs the CPU Hadamard transform rounds intermediate results, not just the output (errors of ' +
      '2.5 output roundings are observed, as expected if its log2(n) = 8 butterfly stages for n = 256 run in the ' +
      'input dtype); ~6u allowed. Observed: fp16 1.24e-3 (over the 1e-3 start), bf16 8.3e-3.',
  },
  quantized_matmul: {
    float16: 2e-2,
    bfloat16: 1.5e-1,
    reason:
      "MLX's CPU quantized matmul keeps the K = 256 term dot-product accumulator in the activation dtype (`T sum` " +
      'in _qmm_t, used where the SIMD path does not apply, as on this non-Apple CPU) and rounds scale*q + bias ' +
      'and each product to it too: the error is a 256-step random walk of roundings (~9u * rms |partial sum|, ' +
      'tails ~3x that; ~40u allowed). Observed: fp16 1.13e-2 (23u), bf16 1.1e-1 (28u). float32 accumulates in ' +
      'float32 and keeps 1e-5 (observed 1.6e-6); the exact packing / scale / bias checks in quantize.test.ts do ' +
      'not depend on this tolerance.',
  },
};

export function tolerance(op: string, dtype: Dtype): number {
  const name = dtype.name as FloatDtypeName;
  const base = BASE_TOLERANCE[name];
  if (base === undefined) throw new Error(`no tolerance for dtype ${dtype.name}`);
  return OP_TOLERANCE[op]?.[name] ?? base;
}

// ---- PRNG and inputs --------------------------------------------------------------------------------------

/** mulberry32: a tiny 32-bit seeded PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A per-case seed from the case's name (FNV-1a), so every case gets its own deterministic stream. Setting
 * CONFORMANCE_SEED=<k> reruns the whole suite on other inputs (used to check the tolerances' headroom).
 */
const SEED_SALT = Number(process.env.CONFORMANCE_SEED ?? 0);
export function seedOf(name: string): number {
  let h = (2166136261 ^ SEED_SALT) >>> 0;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619);
  return h >>> 0;
}

export function uniformValues(n: number, lo: number, hi: number, seed: number): Float64Array {
  const next = mulberry32(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = lo + (hi - lo) * next();
  return out;
}

/** Standard normal values (Box-Muller on mulberry32). */
export function normalValues(n: number, seed: number): Float64Array {
  const next = mulberry32(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const u = 1 - next();
    const v = next();
    out[i] = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
  return out;
}

/** Integer values in [lo, hi] (inclusive). */
export function intValues(n: number, lo: number, hi: number, seed: number): number[] {
  const next = mulberry32(seed);
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(lo + Math.floor((hi - lo + 1) * next()));
  return out;
}

/**
 * An MLX array of `dtype` holding `values` (rounded to the dtype by MLX), plus the exact values it holds,
 * read back, for the reference to use.
 */
export function makeInput(values: ArrayLike<number>, shape: number[], dtype: Dtype): { arr: MxArray; vals: Float64Array } {
  const arr = mx.fromTypedArray(Float64Array.from(values), shape, dtype);
  return { arr, vals: read(arr) };
}

/** The values of `a` as float64 (bool as 0/1, 64-bit integers through Number). */
export function read(a: MxArray): Float64Array {
  const data = a.toTypedArray();
  if (data instanceof BigInt64Array || data instanceof BigUint64Array) {
    return Float64Array.from(data, (v) => Number(v));
  }
  return Float64Array.from(data as ArrayLike<number>);
}

// ---- comparison -------------------------------------------------------------------------------------------

const TINY = 1e-30;

/** max|out - ref| / max(max|ref|, TINY); NaN in either side gives Infinity. See the header comment. */
export function normalisedError(out: ArrayLike<number>, ref: ArrayLike<number>): number {
  if (out.length !== ref.length) throw new Error(`length mismatch: out ${out.length}, ref ${ref.length}`);
  let maxDiff = 0;
  let maxRef = 0;
  for (let i = 0; i < ref.length; i++) {
    const o = out[i]!;
    const r = ref[i]!;
    const d = Math.abs(o - r);
    if (Number.isNaN(d)) return Infinity;
    if (d > maxDiff) maxDiff = d;
    if (Math.abs(r) > maxRef) maxRef = Math.abs(r);
  }
  return maxDiff / Math.max(maxRef, TINY);
}

// Worst error seen per op / dtype in this file; printed by reportErrors() when CONFORMANCE_REPORT=1 is set, to
// check how much headroom each tolerance has.
const worst = new Map<string, number>();
export function recordError(op: string, dtype: Dtype, err: number): void {
  const key = `${op} ${dtype.name}`;
  worst.set(key, Math.max(worst.get(key) ?? 0, err));
}
export function reportErrors(): void {
  if (process.env.CONFORMANCE_REPORT !== '1') return;
  const lines = [...worst.entries()].map(([key, err]) => `${key.padEnd(48)} ${err.toExponential(2)}`);
  console.log(`worst normalised errors:\n${lines.join('\n')}`);
}

/** Asserts shape, dtype and normalised error of an MLX result against a float64 reference. */
export function expectClose(
  out: MxArray,
  ref: ArrayLike<number>,
  options: { op: string; dtype: Dtype; shape: number[]; tol?: number },
): number {
  expect(out.shape, 'shape').toEqual(options.shape);
  expect(out.dtype.name, 'dtype').toBe(options.dtype.name);
  const tol = options.tol ?? tolerance(options.op, options.dtype);
  const err = normalisedError(read(out), ref);
  recordError(options.op, options.dtype, err);
  expect(err, `${options.op} ${options.dtype.name}: normalised error ${err.toExponential(3)} > ${tol}`).toBeLessThanOrEqual(tol);
  return err;
}

/** Exact comparison for ops that only move or select values. */
export function expectExact(out: MxArray, ref: ArrayLike<number>, shape: number[], dtype: Dtype): void {
  expect(out.shape, 'shape').toEqual(shape);
  expect(out.dtype.name, 'dtype').toBe(dtype.name);
  expect(Array.from(read(out))).toEqual(Array.from(ref));
}

// ---- scalar references --------------------------------------------------------------------------------------

/** erf by its Maclaurin series (float64; |x| <= 4 needs < 80 terms, cancellation error ~ e^(x^2) * 1e-16). */
export function erf(x: number): number {
  if (Math.abs(x) > 5) return Math.sign(x);
  let term = x;
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= (-x * x) / n;
    const add = term / (2 * n + 1);
    sum += add;
    if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}

export const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

// ---- array references (row-major, plain loops) ------------------------------------------------------------

/** Reduces a (rows, cols) matrix along `axis` with a per-line function. */
export function reduce2d(
  vals: ArrayLike<number>,
  rows: number,
  cols: number,
  axis: 0 | 1,
  fn: (line: number[]) => number,
): Float64Array {
  if (axis === 1) {
    const out = new Float64Array(rows);
    for (let i = 0; i < rows; i++) {
      const line: number[] = [];
      for (let j = 0; j < cols; j++) line.push(vals[i * cols + j]!);
      out[i] = fn(line);
    }
    return out;
  }
  const out = new Float64Array(cols);
  for (let j = 0; j < cols; j++) {
    const line: number[] = [];
    for (let i = 0; i < rows; i++) line.push(vals[i * cols + j]!);
    out[j] = fn(line);
  }
  return out;
}

/** Applies a line -> line function along `axis` of a (rows, cols) matrix (softmax, cumsum). */
export function map2d(
  vals: ArrayLike<number>,
  rows: number,
  cols: number,
  axis: 0 | 1,
  fn: (line: number[]) => number[],
): Float64Array {
  const out = new Float64Array(rows * cols);
  if (axis === 1) {
    for (let i = 0; i < rows; i++) {
      const line: number[] = [];
      for (let j = 0; j < cols; j++) line.push(vals[i * cols + j]!);
      const res = fn(line);
      for (let j = 0; j < cols; j++) out[i * cols + j] = res[j]!;
    }
  } else {
    for (let j = 0; j < cols; j++) {
      const line: number[] = [];
      for (let i = 0; i < rows; i++) line.push(vals[i * cols + j]!);
      const res = fn(line);
      for (let i = 0; i < rows; i++) out[i * cols + j] = res[i]!;
    }
  }
  return out;
}

export const lineSum = (l: number[]): number => l.reduce((a, b) => a + b, 0);
export const lineMax = (l: number[]): number => l.reduce((a, b) => (b > a ? b : a), -Infinity);
export const lineMin = (l: number[]): number => l.reduce((a, b) => (b < a ? b : a), Infinity);
export function lineArgmax(l: number[]): number {
  let best = 0;
  for (let i = 1; i < l.length; i++) if (l[i]! > l[best]!) best = i;
  return best;
}
export function lineLogsumexp(l: number[]): number {
  const m = lineMax(l);
  let s = 0;
  for (const v of l) s += Math.exp(v - m);
  return m + Math.log(s);
}
export function lineSoftmax(l: number[]): number[] {
  const m = lineMax(l);
  const e = l.map((v) => Math.exp(v - m));
  const s = lineSum(e);
  return e.map((v) => v / s);
}
export function lineCumsum(l: number[]): number[] {
  const out: number[] = [];
  let s = 0;
  for (const v of l) {
    s += v;
    out.push(s);
  }
  return out;
}

/** (m, k) @ (k, n) */
export function matmulRef(a: ArrayLike<number>, b: ArrayLike<number>, m: number, k: number, n: number): Float64Array {
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a[i * k + p]! * b[p * n + j]!;
      out[i * n + j] = s;
    }
  }
  return out;
}

/** x / sqrt(mean(x^2) + eps) * w over the last axis of (rows, d). */
export function rmsNormRef(x: ArrayLike<number>, w: ArrayLike<number> | null, rows: number, d: number, eps: number): Float64Array {
  const out = new Float64Array(rows * d);
  for (let r = 0; r < rows; r++) {
    let ss = 0;
    for (let i = 0; i < d; i++) ss += x[r * d + i]! * x[r * d + i]!;
    const inv = 1 / Math.sqrt(ss / d + eps);
    for (let i = 0; i < d; i++) out[r * d + i] = x[r * d + i]! * inv * (w ? w[i]! : 1);
  }
  return out;
}

/** (x - mean) / sqrt(var + eps) * w + b over the last axis of (rows, d); biased variance. */
export function layerNormRef(
  x: ArrayLike<number>,
  w: ArrayLike<number> | null,
  b: ArrayLike<number> | null,
  rows: number,
  d: number,
  eps: number,
): Float64Array {
  const out = new Float64Array(rows * d);
  for (let r = 0; r < rows; r++) {
    let mean = 0;
    for (let i = 0; i < d; i++) mean += x[r * d + i]!;
    mean /= d;
    let v = 0;
    for (let i = 0; i < d; i++) v += (x[r * d + i]! - mean) ** 2;
    v /= d;
    const inv = 1 / Math.sqrt(v + eps);
    for (let i = 0; i < d; i++) out[r * d + i] = (x[r * d + i]! - mean) * inv * (w ? w[i]! : 1) + (b ? b[i]! : 0);
  }
  return out;
}

/**
 * RoPE on x of shape (batch, L, D) (positions along axis -2 start at `offset`), rotating the first `dims` features:
 * non-traditional pairs (i, i + dims/2), traditional pairs (2i, 2i + 1); frequency of pair i is
 * base^(-2i/dims); angle = scale * position * freq. Features from `dims` on are copied unchanged.
 */
export function ropeRef(
  x: ArrayLike<number>,
  batch: number,
  L: number,
  D: number,
  dims: number,
  opts: { traditional: boolean; base: number; scale: number; offset: number },
): Float64Array {
  const out = Float64Array.from(x);
  const half = dims / 2;
  for (let b = 0; b < batch; b++) {
    for (let l = 0; l < L; l++) {
      const row = (b * L + l) * D;
      const pos = (opts.offset + l) * opts.scale;
      for (let i = 0; i < half; i++) {
        const theta = pos * Math.pow(opts.base, (-2 * i) / dims);
        const c = Math.cos(theta);
        const s = Math.sin(theta);
        const i1 = opts.traditional ? 2 * i : i;
        const i2 = opts.traditional ? 2 * i + 1 : i + half;
        const x1 = x[row + i1]!;
        const x2 = x[row + i2]!;
        out[row + i1] = x1 * c - x2 * s;
        out[row + i2] = x1 * s + x2 * c;
      }
    }
  }
  return out;
}

/**
 * softmax(q k^T * scale + mask) v per head, q (B, H, Lq, D), k / v (B, Hkv, Lk, D), query head h reads kv head
 * floor(h / (H / Hkv)). mask: 'causal' (query i sees keys j <= i + Lk - Lq: queries aligned to the END of the
 * keys), an additive (Lq, Lk) array broadcast over batch and heads, or none.
 */
export function sdpaRef(
  q: ArrayLike<number>,
  k: ArrayLike<number>,
  v: ArrayLike<number>,
  dims: { B: number; H: number; Hkv: number; Lq: number; Lk: number; D: number },
  scale: number,
  mask: 'causal' | ArrayLike<number> | null,
): Float64Array {
  const { B, H, Hkv, Lq, Lk, D } = dims;
  const group = H / Hkv;
  const out = new Float64Array(B * H * Lq * D);
  for (let b = 0; b < B; b++) {
    for (let h = 0; h < H; h++) {
      const hk = Math.floor(h / group);
      for (let i = 0; i < Lq; i++) {
        const scores: number[] = [];
        for (let j = 0; j < Lk; j++) {
          let s = 0;
          for (let d = 0; d < D; d++) s += q[((b * H + h) * Lq + i) * D + d]! * k[((b * Hkv + hk) * Lk + j) * D + d]!;
          s *= scale;
          if (mask === 'causal') {
            if (j > i + (Lk - Lq)) s = -Infinity;
          } else if (mask !== null) {
            s += mask[i * Lk + j]!;
          }
          scores.push(s);
        }
        const p = lineSoftmax(scores);
        for (let d = 0; d < D; d++) {
          let acc = 0;
          for (let j = 0; j < Lk; j++) acc += p[j]! * v[((b * Hkv + hk) * Lk + j) * D + d]!;
          out[((b * H + h) * Lq + i) * D + d] = acc;
        }
      }
    }
  }
  return out;
}

/**
 * MLX-layout conv1d: input (N, L, Cin), weight (Cout, K, Cin/groups), zero padding `pad` on both ends, stride 1,
 * no dilation; output (N, L + 2 pad - K + 1, Cout). Cross-correlation (no kernel flip), as MLX / PyTorch.
 */
export function conv1dRef(
  x: ArrayLike<number>,
  w: ArrayLike<number>,
  dims: { N: number; L: number; Cin: number; Cout: number; K: number; groups: number; pad: number },
): Float64Array {
  const { N, L, Cin, Cout, K, groups, pad } = dims;
  const cinPerGroup = Cin / groups;
  const coutPerGroup = Cout / groups;
  const Lout = L + 2 * pad - K + 1;
  const out = new Float64Array(N * Lout * Cout);
  for (let n = 0; n < N; n++) {
    for (let t = 0; t < Lout; t++) {
      for (let co = 0; co < Cout; co++) {
        const g = Math.floor(co / coutPerGroup);
        let s = 0;
        for (let kk = 0; kk < K; kk++) {
          const src = t + kk - pad;
          if (src < 0 || src >= L) continue;
          for (let ci = 0; ci < cinPerGroup; ci++) {
            s += x[(n * L + src) * Cin + g * cinPerGroup + ci]! * w[(co * K + kk) * cinPerGroup + ci]!;
          }
        }
        out[(n * Lout + t) * Cout + co] = s;
      }
    }
  }
  return out;
}

/** Sylvester-order Hadamard entry H_n[i][j] = (-1)^popcount(i & j). */
export function hadamardEntry(i: number, j: number): number {
  let bits = i & j;
  let parity = 0;
  while (bits) {
    parity ^= bits & 1;
    bits >>>= 1;
  }
  return parity ? -1 : 1;
}

/** y = H_n x / sqrt(n) over the last axis of (rows, n). */
export function hadamardRef(x: ArrayLike<number>, rows: number, n: number): Float64Array {
  const out = new Float64Array(rows * n);
  const s = 1 / Math.sqrt(n);
  for (let r = 0; r < rows; r++) {
    for (let i = 0; i < n; i++) {
      let acc = 0;
      for (let j = 0; j < n; j++) acc += hadamardEntry(i, j) * x[r * n + j]!;
      out[r * n + i] = acc * s;
    }
  }
  return out;
}
