// QJL: the 1-bit quantized Johnson-Lindenstrauss sketch (Zandieh, Daliri, Han, arXiv 2406.03482; TurboQuant
// Definition 1 and Lemma 4).
//
// S is an m x d matrix of iid N(0, 1) entries: S[i*d + j] is the (i*d + j)-th nextGaussian() of createRng(seed),
// rounded to float32 (the float32 matrix is the sketch; products accumulate in float64). A vector x is stored as
// its norm ||x|| and the signs s = sign(S x) (sign(0) = +1), packed as in packing.ts. For a query q,
//   <q, x> ~ sqrt(pi/2) / m * ||x|| * <S q, s>,
// unbiased because E[<s_i, q> sign(<s_i, x>)] = sqrt(2/pi) <q, x> / ||x|| for a Gaussian row s_i; its variance is
// (pi/2 ||x||^2 ||q||^2 - <q, x>^2) / m (Lemma 4 bounds it by pi/(2m) ||x||^2 ||q||^2).

import { createRng, validateSeed } from './rng.js';
import { multiplyRows, norm, toFloat64, transpose, validateBatch, validatePositiveInteger, type VectorLike } from './linalg.js';
import { packSigns } from './packing.js';

/** sqrt(pi/2): E|g| = sqrt(2/pi) for g ~ N(0, 1), so this undoes the shrinkage of a sign. */
export const QJL_SCALE = Math.sqrt(Math.PI / 2);

/** Options of {@link createQjl}. */
export interface QjlOptions {
  /** Length d of the sketched vectors. */
  dim: number;
  /** Number m of random projections (rows of S); default dim. */
  projections?: number;
  /** Seed of S, an integer in [0, 2^53). */
  seed: number;
}

/** One sketched vector. */
export interface QjlSketch {
  /** ||x|| rounded to float32 (what is stored). */
  norm: number;
  /** sign(S x) as +1 / -1, length m. */
  signs: Int8Array;
  /** The signs packed 1 bit each (bit 1 = +1), ceil(m / 32) words. */
  signWords: Uint32Array;
}

/** A batch of sketched vectors, row-major. */
export interface QjlSketchBatch {
  count: number;
  /** Float32 norms, length count. */
  norms: Float32Array;
  /** (count, m) signs as +1 / -1. */
  signs: Int8Array;
  /** (count, ceil(m / 32)) packed sign words. */
  signWords: Uint32Array;
}

/** The Gaussian sketch matrix of a QJL instance. */
export interface Qjl {
  readonly dim: number;
  readonly projections: number;
  readonly seed: number;
  /** S as (projections, dim) row-major float32, for native kernels (a fresh copy). */
  matrix(): Float32Array;
  /** S applied to each row of a (count, dim) float64 batch: (count, projections). */
  projectBatchFloat64(x: Float64Array, count: number, out?: Float64Array): Float64Array;
  /** S^T applied to each row of a (count, projections) float64 batch: (count, dim). */
  projectTransposeBatchFloat64(y: Float64Array, count: number, out?: Float64Array): Float64Array;
  /** S q for one vector (float64). */
  project(q: VectorLike): Float64Array;
  quantize(x: VectorLike): QjlSketch;
  quantizeBatch(x: VectorLike, count: number): QjlSketchBatch;
  /** sqrt(pi/2)/m * ||x|| * S^T s: the unbiased reconstruction (E over S equals x). */
  dequantize(sketch: QjlSketch): Float32Array;
  /** sqrt(pi/2)/m * ||x|| * <S q, s>. */
  estimateInnerProduct(q: VectorLike, sketch: QjlSketch): number;
  /** The estimate for one query against every row of a batch. */
  estimateInnerProductsBatch(q: VectorLike, batch: QjlSketchBatch): Float64Array;
}

/** The float32-valued Gaussian matrix S for (projections, dim, seed), row-major, in a Float64Array. */
export function qjlGaussianMatrix(projections: number, dim: number, seed: number): Float64Array {
  validatePositiveInteger(projections, 'projections');
  validatePositiveInteger(dim, 'dim');
  validateSeed(seed);
  const rng = createRng(seed);
  const entries = new Float64Array(projections * dim);
  for (let i = 0; i < entries.length; i++) entries[i] = Math.fround(rng.nextGaussian());
  return entries;
}

const QJL_CACHE_LIMIT = 16;
const qjlCache = new Map<string, { entries: Float64Array; transposed: Float64Array }>();

function cachedQjlMatrix(projections: number, dim: number, seed: number): { entries: Float64Array; transposed: Float64Array } {
  const key = `${projections}:${dim}:${seed}`;
  let cached = qjlCache.get(key);
  if (cached) {
    qjlCache.delete(key);
  } else {
    const entries = qjlGaussianMatrix(projections, dim, seed);
    cached = { entries, transposed: transpose(entries, projections, dim) };
    if (qjlCache.size >= QJL_CACHE_LIMIT) qjlCache.delete(qjlCache.keys().next().value!);
  }
  qjlCache.set(key, cached);
  return cached;
}

/** Signs of a (count, m) projection: +1 where >= 0 (sign(0) = +1), else -1. */
export function signsOf(projected: Float64Array): Int8Array {
  const signs = new Int8Array(projected.length);
  for (let i = 0; i < projected.length; i++) signs[i] = projected[i]! < 0 ? -1 : 1;
  return signs;
}

/** <a[aOffset..], signs[signOffset..]> over `length` entries. */
export function dotWithSigns(a: Float64Array, aOffset: number, signs: Int8Array, signOffset: number, length: number): number {
  let sum = 0;
  for (let i = 0; i < length; i++) sum += a[aOffset + i]! * signs[signOffset + i]!;
  return sum;
}

class GaussianQjl implements Qjl {
  private readonly entries: Float64Array;
  private readonly transposed: Float64Array;

  constructor(
    readonly dim: number,
    readonly projections: number,
    readonly seed: number,
  ) {
    const cached = cachedQjlMatrix(projections, dim, seed);
    this.entries = cached.entries;
    this.transposed = cached.transposed;
  }

  matrix(): Float32Array {
    return Float32Array.from(this.entries);
  }

  projectBatchFloat64(x: Float64Array, count: number, out = new Float64Array(count * this.projections)): Float64Array {
    multiplyRows(this.entries, this.projections, this.dim, x, count, out);
    return out;
  }

  projectTransposeBatchFloat64(y: Float64Array, count: number, out = new Float64Array(count * this.dim)): Float64Array {
    multiplyRows(this.transposed, this.dim, this.projections, y, count, out);
    return out;
  }

  project(q: VectorLike): Float64Array {
    return this.projectBatchFloat64(toFloat64(q, this.dim, 'q'), 1);
  }

  quantize(x: VectorLike): QjlSketch {
    const batch = this.quantizeBatch(toFloat64(x, this.dim, 'x'), 1);
    return { norm: batch.norms[0]!, signs: batch.signs, signWords: batch.signWords };
  }

  quantizeBatch(x: VectorLike, count: number): QjlSketchBatch {
    validateBatch(x, count, this.dim, 'x');
    const values = Float64Array.from(x);
    const norms = new Float32Array(count);
    for (let row = 0; row < count; row++) norms[row] = norm(values, row * this.dim, this.dim);
    const signs = signsOf(this.projectBatchFloat64(values, count));
    return { count, norms, signs, signWords: packSigns(signs, count, this.projections) };
  }

  dequantize(sketch: QjlSketch): Float32Array {
    const signs = Float64Array.from(sketch.signs);
    const back = this.projectTransposeBatchFloat64(signs, 1);
    const scale = (QJL_SCALE / this.projections) * sketch.norm;
    return Float32Array.from(back, (value) => value * scale);
  }

  estimateInnerProduct(q: VectorLike, sketch: QjlSketch): number {
    const projected = this.project(q);
    return (QJL_SCALE / this.projections) * sketch.norm * dotWithSigns(projected, 0, sketch.signs, 0, this.projections);
  }

  estimateInnerProductsBatch(q: VectorLike, batch: QjlSketchBatch): Float64Array {
    const projected = this.project(q);
    const out = new Float64Array(batch.count);
    for (let row = 0; row < batch.count; row++) {
      const dotProduct = dotWithSigns(projected, 0, batch.signs, row * this.projections, this.projections);
      out[row] = (QJL_SCALE / this.projections) * batch.norms[row]! * dotProduct;
    }
    return out;
  }
}

/** A QJL sketch with m = projections (default dim) Gaussian rows from `seed`. */
export function createQjl(options: QjlOptions): Qjl {
  const { dim, seed } = options;
  const projections = options.projections ?? dim;
  validatePositiveInteger(dim, 'dim');
  validatePositiveInteger(projections, 'projections');
  validateSeed(seed);
  return new GaussianQjl(dim, projections, seed);
}
