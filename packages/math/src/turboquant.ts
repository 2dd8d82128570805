// TurboQuant_mse and TurboQuant_prod (Zandieh et al., arXiv 2504.19874, Algorithms 1 and 2), with the bit
// semantics users see:
// - bitsTotal is the per-coordinate budget. mode 'mse' gives all of it to the Lloyd-Max codebook; mode 'prod' gives
//   bitsTotal - 1 bits to the codebook plus a 1-bit QJL sketch of the residual (so prod needs bitsTotal >= 2).
// - Inputs need not be unit vectors: the norm n = ||x|| is stored separately (as float32) and u = x / n is quantized
//   (a zero vector gets n = 0, all-zero rotated coordinates, and dequantizes to exactly zero).
//
// mse (Algorithm 1): idx_j = Q(y_j) for y = Pi u, Q the Lloyd-Max quantizer of the coordinate density;
//   dequantize x~ = n Pi^T c[idx]; inner products in rotated space <q, x~> = n <Pi q, c[idx]>.
// prod (Algorithm 2): x~_mse as above with bitsTotal - 1 bits; residual r = x - x~_mse (original space),
//   gamma = ||r|| (float32), s = sign(S r) with S the d x d Gaussian QJL matrix (own seed);
//   <q, x> ~ <q, x~_mse> + sqrt(pi/2)/d * gamma * <S q, s>   (unbiased, Theorem 2);
//   dequantize x~ = x~_mse + sqrt(pi/2)/d * gamma * S^T s.

import { lloydMaxCodebook, searchBoundaries, validateBits, validateCodebookDim, type Codebook, type CodebookDensity } from './codebook.js';
import { norm, toFloat64, validateBatch, type VectorLike } from './linalg.js';
import { packIndices, packSigns, packedWordsPerRow } from './packing.js';
import { QJL_SCALE, createQjl, dotWithSigns, signsOf, type Qjl } from './qjl.js';
import { deriveSeed, validateSeed } from './rng.js';
import { createRotation, validateRotationKind, type Rotation, type RotationKind } from './rotation.js';

/** 'mse': all bits to the codebook (biased inner products); 'prod': codebook + 1-bit QJL residual (unbiased). */
export type TurboQuantMode = 'mse' | 'prod';

/**
 * The default mode for a bit budget: 1 bit -> mse, 2 bits -> prod, 3 and more bits -> mse.
 * (At 1 bit prod would be QJL alone; from 3 bits the mse quantizer's lower variance wins in practice.)
 */
export function defaultMode(bitsTotal: number): TurboQuantMode {
  validateBits(bitsTotal, 'bitsTotal');
  return bitsTotal === 2 ? 'prod' : 'mse';
}

/** Stream id of the QJL seed: qjlSeed defaults to deriveSeed(seed, QJL_SEED_STREAM). */
export const QJL_SEED_STREAM = 1;

/** Options of {@link createTurboQuant}. */
export interface TurboQuantOptions {
  /** Vector length d (>= 3 with the default beta codebook density). */
  dim: number;
  /** Bits per coordinate, 1..8 (prod: 2..8). */
  bitsTotal: number;
  /** Default: defaultMode(bitsTotal). */
  mode?: TurboQuantMode;
  /** Default 'haar'; 'hadamard' needs dim to be a power of two. */
  rotation?: RotationKind;
  /** Seed of the rotation, an integer in [0, 2^53); default 0. */
  seed?: number;
  /** Seed of the QJL matrix (prod only); default deriveSeed(seed, 1). */
  qjlSeed?: number;
  /** Codebook density: 'beta' (exact, default) or 'gaussian' (the N(0, 1/d) limit). */
  codebookDensity?: CodebookDensity;
}

/** One quantized vector. */
export interface QuantizedVector {
  /** ||x||, rounded to float32. */
  norm: number;
  /** Codebook index per coordinate of the rotated unit vector, length dim. */
  indices: Uint8Array;
  /** The indices packed as in packing.ts, packedWordsPerRow(dim, codebookBits) words. */
  packedIndices: Uint32Array;
  /** prod: gamma = ||x - x~_mse|| (float32); mse: null. */
  residualNorm: number | null;
  /** prod: sign(S r) as +1 / -1, length dim; mse: null. */
  qjlSigns: Int8Array | null;
  /** prod: the signs packed 1 bit each (bit 1 = +1); mse: null. */
  qjlSignWords: Uint32Array | null;
}

/** A batch of quantized vectors, row-major (count, dim). */
export interface QuantizedBatch {
  count: number;
  dim: number;
  /** Bits per codebook index (bitsTotal for mse, bitsTotal - 1 for prod). */
  codebookBits: number;
  /** Float32 norms, length count. */
  norms: Float32Array;
  /** (count, dim) codebook indices. */
  indices: Uint8Array;
  /** (count, packedWordsPerRow(dim, codebookBits)) packed indices. */
  packedIndices: Uint32Array;
  /** prod: float32 residual norms gamma, length count; mse: null. */
  residualNorms: Float32Array | null;
  /** prod: (count, dim) QJL signs; mse: null. */
  qjlSigns: Int8Array | null;
  /** prod: (count, ceil(dim / 32)) packed QJL sign words; mse: null. */
  qjlSignWords: Uint32Array | null;
}

/** Queries rotated (and, for prod, projected by S) once, to score many quantized vectors. */
export interface PreparedQueries {
  count: number;
  /** (count, dim) Pi q. */
  rotated: Float64Array;
  /** prod: (count, dim) S q; mse: null. */
  projected: Float64Array | null;
}

/** Storage cost of one quantized vector. */
export interface StorageBits {
  /** dim * codebookBits. */
  indexBits: number;
  /** prod: dim sign bits; mse: 0. */
  qjlBits: number;
  /** normBits for n, plus normBits for gamma in prod. */
  normBits: number;
  totalBitsPerVector: number;
  /** totalBitsPerVector / dim. */
  bitsPerCoordinate: number;
}

/** A TurboQuant quantizer: a rotation, a codebook and (prod) a QJL matrix, all fixed by the options. */
export class TurboQuant {
  readonly dim: number;
  readonly bitsTotal: number;
  readonly mode: TurboQuantMode;
  /** Bits per codebook index: bitsTotal (mse) or bitsTotal - 1 (prod). */
  readonly codebookBits: number;
  readonly seed: number;
  /** prod: the QJL seed; mse: null. */
  readonly qjlSeed: number | null;
  readonly rotation: Rotation;
  readonly codebook: Codebook;
  /** prod: the d x d QJL sketch of the residual; mse: null. */
  readonly qjl: Qjl | null;

  constructor(options: TurboQuantOptions) {
    const { dim, bitsTotal } = options;
    validateBits(bitsTotal, 'bitsTotal');
    const mode = options.mode ?? defaultMode(bitsTotal);
    if (mode !== 'mse' && mode !== 'prod') throw new RangeError(`mode must be 'mse' or 'prod' (got ${String(mode)})`);
    if (mode === 'prod' && bitsTotal < 2) {
      throw new RangeError(
        `bitsTotal must be >= 2 for mode 'prod' (got bitsTotal=${bitsTotal}): prod spends bitsTotal - 1 bits on the codebook and 1 on QJL`,
      );
    }
    const density = options.codebookDensity ?? 'beta';
    validateCodebookDim(dim, density);
    const rotationKind = options.rotation ?? 'haar';
    validateRotationKind(rotationKind);
    const seed = options.seed ?? 0;
    validateSeed(seed);
    this.dim = dim;
    this.bitsTotal = bitsTotal;
    this.mode = mode;
    this.codebookBits = mode === 'prod' ? bitsTotal - 1 : bitsTotal;
    this.seed = seed;
    this.rotation = createRotation({ kind: rotationKind, dim, seed });
    this.codebook = lloydMaxCodebook(dim, this.codebookBits, { density });
    if (mode === 'prod') {
      const qjlSeed = options.qjlSeed ?? deriveSeed(seed, QJL_SEED_STREAM);
      validateSeed(qjlSeed, 'qjlSeed');
      this.qjlSeed = qjlSeed;
      this.qjl = createQjl({ dim, seed: qjlSeed });
    } else {
      if (options.qjlSeed !== undefined) validateSeed(options.qjlSeed, 'qjlSeed');
      this.qjlSeed = null;
      this.qjl = null;
    }
  }

  /** Quantizes one vector of length dim. */
  quantize(x: VectorLike): QuantizedVector {
    const batch = this.quantizeBatch(toFloat64(x, this.dim, 'x'), 1);
    return {
      norm: batch.norms[0]!,
      indices: batch.indices,
      packedIndices: batch.packedIndices,
      residualNorm: batch.residualNorms ? batch.residualNorms[0]! : null,
      qjlSigns: batch.qjlSigns,
      qjlSignWords: batch.qjlSignWords,
    };
  }

  /** Quantizes a row-major (count, dim) batch. */
  quantizeBatch(x: VectorLike, count: number): QuantizedBatch {
    const dim = this.dim;
    validateBatch(x, count, dim, 'x');
    const values = Float64Array.from(x);
    const norms = new Float32Array(count);
    const unit = new Float64Array(count * dim);
    for (let row = 0; row < count; row++) {
      const offset = row * dim;
      const rowNorm = norm(values, offset, dim);
      if (!Number.isFinite(rowNorm)) throw new RangeError(`x row ${row} has a non-finite entry (norm ${rowNorm})`);
      norms[row] = rowNorm;
      if (rowNorm > 0) for (let j = 0; j < dim; j++) unit[offset + j] = values[offset + j]! / rowNorm;
    }
    const rotated = this.rotation.applyBatchFloat64(unit, count);
    const indices = this.encodeRotated(rotated, count);
    const batch: QuantizedBatch = {
      count,
      dim,
      codebookBits: this.codebookBits,
      norms,
      indices,
      packedIndices: packIndices(indices, count, dim, this.codebookBits),
      residualNorms: null,
      qjlSigns: null,
      qjlSignWords: null,
    };
    if (this.qjl) {
      // Residual in the original space, r = x - x~_mse (Algorithm 2, line 6).
      const residual = this.dequantizeMseFloat64(indices, norms, count);
      for (let i = 0; i < residual.length; i++) residual[i] = values[i]! - residual[i]!;
      const residualNorms = new Float32Array(count);
      for (let row = 0; row < count; row++) residualNorms[row] = norm(residual, row * dim, dim);
      const signs = signsOf(this.qjl.projectBatchFloat64(residual, count));
      batch.residualNorms = residualNorms;
      batch.qjlSigns = signs;
      batch.qjlSignWords = packSigns(signs, count, dim);
    }
    return batch;
  }

  /** Codebook indices of rotated unit rows: (count, dim) float64 -> Uint8Array. */
  encodeRotated(rotatedUnit: Float64Array, count: number): Uint8Array {
    const boundaries = this.codebook.boundaries;
    const indices = new Uint8Array(count * this.dim);
    for (let i = 0; i < indices.length; i++) indices[i] = searchBoundaries(boundaries, rotatedUnit[i]!);
    return indices;
  }

  /** n Pi^T c[idx] for each row, float64 (count, dim). */
  private dequantizeMseFloat64(indices: Uint8Array, norms: Float32Array, count: number): Float64Array {
    const dim = this.dim;
    const centroids = this.codebook.centroids;
    const scaled = new Float64Array(count * dim);
    for (let row = 0; row < count; row++) {
      const rowNorm = norms[row]!;
      const offset = row * dim;
      for (let j = 0; j < dim; j++) scaled[offset + j] = rowNorm * centroids[indices[offset + j]!]!;
    }
    return this.rotation.applyTransposeBatchFloat64(scaled, count);
  }

  /** Reconstruction of one vector (float32). */
  dequantize(vector: QuantizedVector): Float32Array {
    return this.dequantizeBatch(this.singleAsBatch(vector));
  }

  /** Reconstruction of a batch, row-major (count, dim) float32. */
  dequantizeBatch(batch: QuantizedBatch): Float32Array {
    this.checkBatch(batch);
    const { count } = batch;
    const out = this.dequantizeMseFloat64(batch.indices, batch.norms, count);
    if (this.qjl) {
      const dim = this.dim;
      const back = this.qjl.projectTransposeBatchFloat64(Float64Array.from(batch.qjlSigns!), count);
      for (let row = 0; row < count; row++) {
        const scale = (QJL_SCALE / dim) * batch.residualNorms![row]!;
        const offset = row * dim;
        for (let j = 0; j < dim; j++) out[offset + j]! += scale * back[offset + j]!;
      }
    }
    return Float32Array.from(out);
  }

  /** Rotates (and for prod projects) a row-major (count, dim) batch of queries once. */
  prepareQueries(q: VectorLike, count: number): PreparedQueries {
    validateBatch(q, count, this.dim, 'q');
    const values = Float64Array.from(q);
    return {
      count,
      rotated: this.rotation.applyBatchFloat64(values, count),
      projected: this.qjl ? this.qjl.projectBatchFloat64(values, count) : null,
    };
  }

  /** Estimate of <q, x> for one query and one quantized vector. */
  estimateInnerProduct(q: VectorLike, vector: QuantizedVector): number {
    return this.estimateInnerProductsBatch(q, this.singleAsBatch(vector))[0]!;
  }

  /**
   * Estimates of <q, x_r> for one query (a vector, or prepared queries with count 1) against every row of a
   * batch: mse n <Pi q, c[idx]>, prod additionally + sqrt(pi/2)/d * gamma * <S q, s>.
   */
  estimateInnerProductsBatch(q: VectorLike | PreparedQueries, batch: QuantizedBatch): Float64Array {
    this.checkBatch(batch);
    const prepared = isPrepared(q) ? q : this.prepareQueries(toFloat64(q, this.dim, 'q'), 1);
    if (prepared.count !== 1) throw new RangeError(`q must be one query (prepared count 1, got ${prepared.count})`);
    const out = new Float64Array(batch.count);
    for (let row = 0; row < batch.count; row++) out[row] = this.scoreRow(prepared, 0, batch, row);
    return out;
  }

  /** Estimates of <q_r, x_r> for row-aligned queries and quantized vectors (both with batch.count rows). */
  estimatePairedInnerProducts(q: VectorLike | PreparedQueries, batch: QuantizedBatch): Float64Array {
    this.checkBatch(batch);
    const prepared = isPrepared(q) ? q : this.prepareQueries(q, batch.count);
    if (prepared.count !== batch.count) {
      throw new RangeError(`q must have one query per quantized row (${batch.count}, got ${prepared.count})`);
    }
    const out = new Float64Array(batch.count);
    for (let row = 0; row < batch.count; row++) out[row] = this.scoreRow(prepared, row, batch, row);
    return out;
  }

  private scoreRow(prepared: PreparedQueries, queryRow: number, batch: QuantizedBatch, row: number): number {
    const dim = this.dim;
    const centroids = this.codebook.centroids;
    const queryOffset = queryRow * dim;
    const offset = row * dim;
    let sum = 0;
    for (let j = 0; j < dim; j++) sum += prepared.rotated[queryOffset + j]! * centroids[batch.indices[offset + j]!]!;
    let estimate = batch.norms[row]! * sum;
    if (this.qjl) {
      const correlation = dotWithSigns(prepared.projected!, queryOffset, batch.qjlSigns!, offset, dim);
      estimate += (QJL_SCALE / dim) * batch.residualNorms![row]! * correlation;
    }
    return estimate;
  }

  /**
   * Bits stored per vector: indices, QJL signs and norms (normBits each for n and, in prod, gamma; this reference
   * keeps them as float32, a KV cache typically as float16).
   */
  storageBits(normBits: 16 | 32 = 32): StorageBits {
    if (normBits !== 16 && normBits !== 32) throw new RangeError(`normBits must be 16 or 32 (got ${String(normBits)})`);
    const indexBits = this.dim * this.codebookBits;
    const qjlBits = this.qjl ? this.dim : 0;
    const totalNormBits = normBits * (this.qjl ? 2 : 1);
    const totalBitsPerVector = indexBits + qjlBits + totalNormBits;
    return { indexBits, qjlBits, normBits: totalNormBits, totalBitsPerVector, bitsPerCoordinate: totalBitsPerVector / this.dim };
  }

  /** Words per packed row of indices. */
  get packedWordsPerRow(): number {
    return packedWordsPerRow(this.dim, this.codebookBits);
  }

  private singleAsBatch(vector: QuantizedVector): QuantizedBatch {
    return {
      count: 1,
      dim: this.dim,
      codebookBits: this.codebookBits,
      norms: Float32Array.of(vector.norm),
      indices: vector.indices,
      packedIndices: vector.packedIndices,
      residualNorms: vector.residualNorm === null ? null : Float32Array.of(vector.residualNorm),
      qjlSigns: vector.qjlSigns,
      qjlSignWords: vector.qjlSignWords,
    };
  }

  private checkBatch(batch: QuantizedBatch): void {
    if (batch.dim !== this.dim || batch.codebookBits !== this.codebookBits) {
      throw new RangeError(
        `batch has dim=${batch.dim}, codebookBits=${batch.codebookBits}; this quantizer has dim=${this.dim}, codebookBits=${this.codebookBits}`,
      );
    }
    if (batch.indices.length !== batch.count * this.dim) throw new RangeError('batch.indices has the wrong length');
    if (this.qjl && (!batch.qjlSigns || !batch.residualNorms)) {
      throw new RangeError("batch lacks qjlSigns / residualNorms, which mode 'prod' needs");
    }
  }
}

function isPrepared(q: VectorLike | PreparedQueries): q is PreparedQueries {
  return typeof (q as PreparedQueries).rotated === 'object' && (q as PreparedQueries).rotated instanceof Float64Array;
}

/** A TurboQuant quantizer (see {@link TurboQuantOptions}). */
export function createTurboQuant(options: TurboQuantOptions): TurboQuant {
  return new TurboQuant(options);
}
