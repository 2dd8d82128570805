// Random rotations Pi that make every coordinate of a rotated unit vector follow the same known density
// (TurboQuant, Section 3.1 and Lemma 1).
//
// Convention (the native kernels reproduce it): a rotation is a d x d matrix Pi, row-major, and
//   rotate:    y = Pi x        (y_i = sum_j Pi[i*d + j] x_j)
//   de-rotate: x = Pi^T y
// - 'haar': Pi = Q diag(sign(R_ii)) where G = Q R is the Householder QR of a d x d matrix G of iid N(0, 1) draws
//   (G[i*d + j] is the (i*d + j)-th nextGaussian() of createRng(seed)); the sign fix makes Pi Haar-distributed
//   (Mezzadri, "How to generate random matrices from the classical compact groups", 2007). QR runs in float64; the
//   entries are then rounded to float32, and THAT float32 matrix (returned by matrix()) is the rotation: apply() and
//   applyTranspose() multiply by it with float64 accumulation, so TS and native kernels use identical entries.
// - 'hadamard': Pi = H D / sqrt(d), D = diag(signs), H the Sylvester Walsh-Hadamard matrix H[i][j] =
//   (-1)^popcount(i & j); signs[j] = -1 if the top bit of the j-th nextUint32() of createRng(seed) is set, else +1.
//   d must be a power of two. apply() is D, then the in-place fast Walsh-Hadamard butterfly, then the float64 scale
//   1/sqrt(d); applyTranspose() is the butterfly, the scale, then D. matrix() is H D / sqrt(d) rounded to float32.

import { createRng, validateSeed } from './rng.js';
import { multiplyRows, toFloat64, validateBatch, validatePositiveInteger, type VectorLike } from './linalg.js';

/** Which random rotation: dense Haar-orthogonal, or the randomized Hadamard transform. */
export type RotationKind = 'haar' | 'hadamard';

/** A fixed orthogonal transform Pi of R^dim (see the file header for the exact convention). */
export interface Rotation {
  readonly kind: RotationKind;
  readonly dim: number;
  readonly seed: number;
  /** For 'hadamard': the diagonal D as +-1 (length dim); null for 'haar'. */
  readonly signs: Int8Array | null;
  /** y = Pi x for one vector of length dim. */
  apply(x: VectorLike): Float32Array;
  /** x = Pi^T y for one vector of length dim. */
  applyTranspose(y: VectorLike): Float32Array;
  /** Pi applied to each row of a row-major (count, dim) batch. */
  applyBatch(x: VectorLike, count: number): Float32Array;
  /** Pi^T applied to each row of a row-major (count, dim) batch. */
  applyTransposeBatch(y: VectorLike, count: number): Float32Array;
  /** Float64 batch variant of applyBatch (no rounding of the result); writes into `out` when given. */
  applyBatchFloat64(x: Float64Array, count: number, out?: Float64Array): Float64Array;
  /** Float64 batch variant of applyTransposeBatch. */
  applyTransposeBatchFloat64(y: Float64Array, count: number, out?: Float64Array): Float64Array;
  /** Pi as a (dim, dim) row-major float32 matrix, for native kernels (a fresh copy). */
  matrix(): Float32Array;
}

/** Options of {@link createRotation}. */
export interface RotationOptions {
  kind: RotationKind;
  dim: number;
  /** Integer in [0, 2^53). */
  seed: number;
}

/** Throws a RangeError naming `rotation` unless kind is 'haar' or 'hadamard'. */
export function validateRotationKind(kind: string, name = 'rotation'): asserts kind is RotationKind {
  if (kind !== 'haar' && kind !== 'hadamard') {
    throw new RangeError(`${name} must be 'haar' or 'hadamard' (got ${String(kind)})`);
  }
}

/** True for 1, 2, 4, 8, ... */
export function isPowerOfTwo(value: number): boolean {
  return Number.isInteger(value) && value >= 1 && (value & (value - 1)) === 0 && value <= 2 ** 30;
}

/** Base class: single-vector and float32 methods in terms of the float64 batch kernels. */
abstract class BaseRotation implements Rotation {
  abstract readonly kind: RotationKind;
  abstract readonly signs: Int8Array | null;
  constructor(
    readonly dim: number,
    readonly seed: number,
  ) {}

  abstract applyBatchFloat64(x: Float64Array, count: number, out?: Float64Array): Float64Array;
  abstract applyTransposeBatchFloat64(y: Float64Array, count: number, out?: Float64Array): Float64Array;
  abstract matrix(): Float32Array;

  apply(x: VectorLike): Float32Array {
    return Float32Array.from(this.applyBatchFloat64(toFloat64(x, this.dim, 'x'), 1));
  }

  applyTranspose(y: VectorLike): Float32Array {
    return Float32Array.from(this.applyTransposeBatchFloat64(toFloat64(y, this.dim, 'y'), 1));
  }

  applyBatch(x: VectorLike, count: number): Float32Array {
    validateBatch(x, count, this.dim, 'x');
    return Float32Array.from(this.applyBatchFloat64(Float64Array.from(x), count));
  }

  applyTransposeBatch(y: VectorLike, count: number): Float32Array {
    validateBatch(y, count, this.dim, 'y');
    return Float32Array.from(this.applyTransposeBatchFloat64(Float64Array.from(y), count));
  }
}

/** Dense rotation given by its (float32-valued) matrix. */
class DenseRotation extends BaseRotation {
  readonly kind = 'haar' as const;
  readonly signs = null;
  private readonly transposed: Float64Array;

  constructor(
    dim: number,
    seed: number,
    /** (dim, dim) row-major, entries exactly representable in float32. */
    private readonly entries: Float64Array,
  ) {
    super(dim, seed);
    this.transposed = new Float64Array(dim * dim);
    for (let i = 0; i < dim; i++) for (let j = 0; j < dim; j++) this.transposed[j * dim + i] = entries[i * dim + j]!;
  }

  applyBatchFloat64(x: Float64Array, count: number, out = new Float64Array(count * this.dim)): Float64Array {
    multiplyRows(this.entries, this.dim, this.dim, x, count, out);
    return out;
  }

  applyTransposeBatchFloat64(y: Float64Array, count: number, out = new Float64Array(count * this.dim)): Float64Array {
    multiplyRows(this.transposed, this.dim, this.dim, y, count, out);
    return out;
  }

  matrix(): Float32Array {
    return Float32Array.from(this.entries);
  }
}

/** In-place unnormalised Walsh-Hadamard transform of x[offset .. offset + dim) (Sylvester order). */
function walshHadamardInPlace(x: Float64Array, offset: number, dim: number): void {
  for (let half = 1; half < dim; half <<= 1) {
    for (let start = offset; start < offset + dim; start += half << 1) {
      for (let i = start; i < start + half; i++) {
        const a = x[i]!;
        const b = x[i + half]!;
        x[i] = a + b;
        x[i + half] = a - b;
      }
    }
  }
}

class HadamardRotation extends BaseRotation {
  readonly kind = 'hadamard' as const;
  private readonly scale: number;

  constructor(
    dim: number,
    seed: number,
    readonly signs: Int8Array,
  ) {
    super(dim, seed);
    this.scale = 1 / Math.sqrt(dim);
  }

  applyBatchFloat64(x: Float64Array, count: number, out = new Float64Array(count * this.dim)): Float64Array {
    const dim = this.dim;
    for (let row = 0; row < count; row++) {
      const offset = row * dim;
      for (let j = 0; j < dim; j++) out[offset + j] = this.signs[j]! * x[offset + j]!;
      walshHadamardInPlace(out, offset, dim);
      for (let j = 0; j < dim; j++) out[offset + j]! *= this.scale;
    }
    return out;
  }

  applyTransposeBatchFloat64(y: Float64Array, count: number, out = new Float64Array(count * this.dim)): Float64Array {
    const dim = this.dim;
    for (let row = 0; row < count; row++) {
      const offset = row * dim;
      for (let j = 0; j < dim; j++) out[offset + j] = y[offset + j]!;
      walshHadamardInPlace(out, offset, dim);
      for (let j = 0; j < dim; j++) out[offset + j] = out[offset + j]! * this.scale * this.signs[j]!;
    }
    return out;
  }

  matrix(): Float32Array {
    const dim = this.dim;
    const out = new Float32Array(dim * dim);
    for (let i = 0; i < dim; i++) {
      for (let j = 0; j < dim; j++) out[i * dim + j] = (popcountParity(i & j) ? -this.scale : this.scale) * this.signs[j]!;
    }
    return out;
  }
}

function popcountParity(value: number): number {
  let parity = 0;
  while (value) {
    parity ^= 1;
    value &= value - 1;
  }
  return parity;
}

/**
 * The Haar-random orthogonal matrix for (dim, seed), rounded to float32 (values kept in a Float64Array),
 * row-major. Householder QR of a Gaussian matrix in float64, sign-fixed so that R has a positive diagonal.
 */
export function haarOrthogonalMatrix(dim: number, seed: number): Float64Array {
  validatePositiveInteger(dim, 'dim');
  validateSeed(seed);
  const rng = createRng(seed);
  // Work on columns: column c of G lives at columns[c*dim .. c*dim + dim), i.e. the transpose of row-major G.
  const columns = new Float64Array(dim * dim);
  for (let i = 0; i < dim; i++) for (let j = 0; j < dim; j++) columns[j * dim + i] = rng.nextGaussian();

  // Householder vectors v_k (unit length, zero above k), stored column-wise; diagonal of R.
  const reflectors = new Float64Array(dim * dim);
  const diagonalOfR = new Float64Array(dim);
  for (let k = 0; k < dim; k++) {
    const column = k * dim;
    let squaredNorm = 0;
    for (let i = k; i < dim; i++) squaredNorm += columns[column + i]! * columns[column + i]!;
    const columnNorm = Math.sqrt(squaredNorm);
    const head = columns[column + k]!;
    // alpha = -sign(head) ||x|| avoids cancellation in v = x - alpha e_k.
    const alpha = head >= 0 ? -columnNorm : columnNorm;
    diagonalOfR[k] = k === dim - 1 ? head : alpha;
    if (k === dim - 1) break;
    const reflector = k * dim;
    let vNormSquared = 0;
    for (let i = k; i < dim; i++) {
      const value = i === k ? head - alpha : columns[column + i]!;
      reflectors[reflector + i] = value;
      vNormSquared += value * value;
    }
    if (vNormSquared === 0) continue; // the column is already zero below the diagonal: H_k = I
    const inverseNorm = 1 / Math.sqrt(vNormSquared);
    for (let i = k; i < dim; i++) reflectors[reflector + i]! *= inverseNorm;
    // Apply H_k = I - 2 v v^T to the remaining columns.
    for (let c = k + 1; c < dim; c++) {
      const target = c * dim;
      let projection = 0;
      for (let i = k; i < dim; i++) projection += reflectors[reflector + i]! * columns[target + i]!;
      projection *= 2;
      for (let i = k; i < dim; i++) columns[target + i]! -= projection * reflectors[reflector + i]!;
    }
  }

  // Q = H_0 H_1 ... H_{d-2}, accumulated backwards on the identity, column-wise (qColumns[c*dim + i] = Q[i][c]).
  const qColumns = new Float64Array(dim * dim);
  for (let i = 0; i < dim; i++) qColumns[i * dim + i] = 1;
  for (let k = dim - 2; k >= 0; k--) {
    const reflector = k * dim;
    for (let c = k; c < dim; c++) {
      const target = c * dim;
      let projection = 0;
      for (let i = k; i < dim; i++) projection += reflectors[reflector + i]! * qColumns[target + i]!;
      if (projection === 0) continue;
      projection *= 2;
      for (let i = k; i < dim; i++) qColumns[target + i]! -= projection * reflectors[reflector + i]!;
    }
  }

  // Pi[i][c] = Q[i][c] * sign(R_cc), rounded to float32.
  const out = new Float64Array(dim * dim);
  for (let c = 0; c < dim; c++) {
    const sign = diagonalOfR[c]! < 0 ? -1 : 1;
    for (let i = 0; i < dim; i++) out[i * dim + c] = Math.fround(sign * qColumns[c * dim + i]!);
  }
  return out;
}

/** The +-1 diagonal of the randomized Hadamard transform for (dim, seed). */
export function hadamardSigns(dim: number, seed: number): Int8Array {
  validatePositiveInteger(dim, 'dim');
  validateSeed(seed);
  const rng = createRng(seed);
  const signs = new Int8Array(dim);
  for (let j = 0; j < dim; j++) signs[j] = rng.nextUint32() >>> 31 ? -1 : 1;
  return signs;
}

// Haar matrices cost O(d^3); keep the most recent few (a d = 256 matrix is 512 KiB).
const HAAR_CACHE_LIMIT = 16;
const haarCache = new Map<string, Float64Array>();

function cachedHaarMatrix(dim: number, seed: number): Float64Array {
  const key = `${dim}:${seed}`;
  let entries = haarCache.get(key);
  if (entries) {
    haarCache.delete(key);
  } else {
    entries = haarOrthogonalMatrix(dim, seed);
    if (haarCache.size >= HAAR_CACHE_LIMIT) haarCache.delete(haarCache.keys().next().value!);
  }
  haarCache.set(key, entries);
  return entries;
}

/**
 * A rotation of R^dim. 'haar' works for any dim >= 1; 'hadamard' needs dim to be a power of two.
 * The same (kind, dim, seed) always gives the same matrix.
 */
export function createRotation(options: RotationOptions): Rotation {
  const { kind, dim, seed } = options;
  validateRotationKind(kind);
  validatePositiveInteger(dim, 'dim');
  validateSeed(seed);
  if (kind === 'hadamard') {
    if (!isPowerOfTwo(dim)) {
      throw new RangeError(`hadamard rotation needs dim to be a power of two (got dim=${dim}); use rotation 'haar'`);
    }
    return new HadamardRotation(dim, seed, hadamardSigns(dim, seed));
  }
  return new DenseRotation(dim, seed, cachedHaarMatrix(dim, seed));
}
