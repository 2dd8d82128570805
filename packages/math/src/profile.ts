// Mixed-precision outlier profiles: the paper's non-integer bit settings (TurboQuant, Section 4.3, "KV cache
// quantization"): split the channels into an outlier set and the rest and run two independent TurboQuant instances
// (separate seeds, their own norms), giving the outliers more bits. Effective bits = channel-weighted mean.
//
// Named profiles (dim d divisible by 4), the paper's split: a quarter of the channels are outliers with one more bit.
// - '2.5': d/4 channels at 3 bits + 3d/4 at 2 bits (head_dim 128: 32 at 3 + 96 at 2, as in the paper).
// - '3.5': d/4 channels at 4 bits + 3d/4 at 3 bits (head_dim 128: 32 at 4 + 96 at 3).
// The index bits average 2.25 and 3.25. The names are the paper's: with each instance storing one float16 norm
// per vector (2 x 16 bits over 128 coordinates = 0.25 bits) the total is exactly 2.5 and 3.5 when both instances
// run in mse mode; effectiveBitsWithNorms() reports what a given configuration really costs (a prod instance
// also stores gamma). The 3d/4 instance is not a power of two for d = 128, so it needs the Haar rotation.

import { validateBits } from './codebook.js';
import { toFloat64, validateBatch, validatePositiveInteger, type VectorLike } from './linalg.js';
import { deriveSeed, validateSeed } from './rng.js';
import type { RotationKind } from './rotation.js';
import {
  TurboQuant,
  defaultMode,
  type QuantizedBatch,
  type TurboQuantMode,
} from './turboquant.js';
import type { CodebookDensity } from './codebook.js';

/** How the outlier channels are chosen. */
export type OutlierSelectionPolicy = 'fixed' | 'topk-calibration';

/** Statistic ranking channels for 'topk-calibration': mean |x| or root-mean-square. */
export type CalibrationStatistic = 'mean-abs' | 'rms';

/** Names of the built-in profiles. */
export type MixedPrecisionProfileName = '2.5' | '3.5';

/** The bit split of a mixed-precision profile. */
export interface MixedPrecisionSplit {
  /** Number of outlier channels k (1 <= k < dim). */
  outlierChannels: number;
  /** Bits per outlier coordinate. */
  outlierHighBits: number;
  /** Bits per regular coordinate. */
  regularBits: number;
}

/** Options of {@link createMixedPrecision}. */
export interface MixedPrecisionOptions extends MixedPrecisionSplit {
  dim: number;
  outlierSelectionPolicy: OutlierSelectionPolicy;
  /** 'fixed': the outlier channel indices (length outlierChannels, distinct, in [0, dim)). */
  channels?: readonly number[];
  /** 'topk-calibration': a row-major (count, dim) batch whose per-channel statistic picks the top k channels. */
  calibration?: { data: VectorLike; count: number; statistic?: CalibrationStatistic };
  /** Mode of the outlier instance; default defaultMode(outlierHighBits). */
  outlierMode?: TurboQuantMode;
  /** Mode of the regular instance; default defaultMode(regularBits). */
  regularMode?: TurboQuantMode;
  /** Rotation of both instances; default 'haar'. */
  rotation?: RotationKind;
  /** Base seed: the outlier instance uses deriveSeed(seed, 16), the regular one deriveSeed(seed, 17). Default 0. */
  seed?: number;
  codebookDensity?: CodebookDensity;
}

/** Stream ids of the two instances' seeds. */
export const OUTLIER_SEED_STREAM = 16;
export const REGULAR_SEED_STREAM = 17;

/** The split of a named profile for dimension dim (see the file header). */
export function mixedPrecisionProfile(name: MixedPrecisionProfileName, dim: number): MixedPrecisionSplit {
  validatePositiveInteger(dim, 'dim');
  switch (name) {
    case '2.5':
    case '3.5': {
      if (dim % 4 !== 0) throw new RangeError(`profile '${name}' needs dim divisible by 4 (got dim=${dim})`);
      const regularBits = name === '2.5' ? 2 : 3;
      return { outlierChannels: dim / 4, outlierHighBits: regularBits + 1, regularBits };
    }
    default:
      throw new RangeError(`profile must be '2.5' or '3.5' (got ${String(name)})`);
  }
}

/** Channel-weighted mean bits per coordinate: (k * outlierHighBits + (d - k) * regularBits) / d. */
export function effectiveBits(split: MixedPrecisionSplit, dim: number): number {
  return (split.outlierChannels * split.outlierHighBits + (dim - split.outlierChannels) * split.regularBits) / dim;
}

/**
 * Per-channel statistic over a calibration batch, then the k channels with the largest values (ties: lower
 * channel index first). Returned ascending.
 */
export function selectTopkChannels(
  data: VectorLike,
  count: number,
  dim: number,
  k: number,
  statistic: CalibrationStatistic = 'mean-abs',
): Int32Array {
  validateBatch(data, count, dim, 'calibration.data');
  if (count < 1) throw new RangeError('calibration.count must be >= 1');
  if (statistic !== 'mean-abs' && statistic !== 'rms') {
    throw new RangeError(`calibration.statistic must be 'mean-abs' or 'rms' (got ${String(statistic)})`);
  }
  const score = new Float64Array(dim);
  for (let row = 0; row < count; row++) {
    for (let j = 0; j < dim; j++) {
      const value = data[row * dim + j]!;
      score[j]! += statistic === 'rms' ? value * value : Math.abs(value);
    }
  }
  // Ranking by the sum is the same as by the mean (and by the RMS, a monotone function of the sum of squares).
  const order = Array.from({ length: dim }, (_, j) => j);
  order.sort((a, b) => score[b]! - score[a]! || a - b);
  return Int32Array.from(order.slice(0, k)).sort();
}

/** A mixed-precision batch: the two instances' quantized halves. */
export interface MixedPrecisionBatch {
  count: number;
  outlier: QuantizedBatch;
  regular: QuantizedBatch;
}

/** Two TurboQuant instances over complementary channel sets. */
export class MixedPrecisionQuantizer {
  readonly dim: number;
  readonly split: MixedPrecisionSplit;
  readonly outlierSelectionPolicy: OutlierSelectionPolicy;
  /** Outlier channel indices, ascending (length outlierChannels). */
  readonly outlierChannelIndices: Int32Array;
  /** The other channels, ascending (length dim - outlierChannels). */
  readonly regularChannelIndices: Int32Array;
  readonly outlier: TurboQuant;
  readonly regular: TurboQuant;

  constructor(options: MixedPrecisionOptions) {
    const { dim, outlierChannels, outlierHighBits, regularBits, outlierSelectionPolicy } = options;
    validatePositiveInteger(dim, 'dim');
    if (!Number.isInteger(outlierChannels) || outlierChannels < 1 || outlierChannels >= dim) {
      throw new RangeError(`outlierChannels must be an integer in [1, dim - 1] = [1, ${dim - 1}] (got ${String(outlierChannels)})`);
    }
    validateBits(outlierHighBits, 'outlierHighBits');
    validateBits(regularBits, 'regularBits');
    const seed = options.seed ?? 0;
    validateSeed(seed);
    this.dim = dim;
    this.split = { outlierChannels, outlierHighBits, regularBits };
    this.outlierSelectionPolicy = outlierSelectionPolicy;

    if (outlierSelectionPolicy === 'fixed') {
      const channels = options.channels;
      if (!channels) throw new RangeError("channels is required with outlierSelectionPolicy 'fixed'");
      if (channels.length !== outlierChannels) {
        throw new RangeError(`channels must list outlierChannels = ${outlierChannels} channels (got ${channels.length})`);
      }
      const seen = new Set<number>();
      for (const channel of channels) {
        if (!Number.isInteger(channel) || channel < 0 || channel >= dim || seen.has(channel)) {
          throw new RangeError(`channels must be distinct integers in [0, ${dim}) (bad entry ${String(channel)})`);
        }
        seen.add(channel);
      }
      this.outlierChannelIndices = Int32Array.from(channels).sort();
    } else if (outlierSelectionPolicy === 'topk-calibration') {
      const calibration = options.calibration;
      if (!calibration) throw new RangeError("calibration is required with outlierSelectionPolicy 'topk-calibration'");
      this.outlierChannelIndices = selectTopkChannels(calibration.data, calibration.count, dim, outlierChannels, calibration.statistic);
    } else {
      throw new RangeError(`outlierSelectionPolicy must be 'fixed' or 'topk-calibration' (got ${String(outlierSelectionPolicy)})`);
    }
    const isOutlier = new Uint8Array(dim);
    for (const channel of this.outlierChannelIndices) isOutlier[channel] = 1;
    this.regularChannelIndices = Int32Array.from({ length: dim }, (_, j) => j).filter((j) => !isOutlier[j]);

    const density = options.codebookDensity ?? 'beta';
    if (density === 'beta' && (outlierChannels < 3 || dim - outlierChannels < 3)) {
      throw new RangeError(
        `outlierChannels must leave both instances at least 3 channels for the beta codebook density (got outlierChannels=${outlierChannels}, dim=${dim})`,
      );
    }
    const shared = { rotation: options.rotation ?? 'haar', codebookDensity: density } as const;
    this.outlier = new TurboQuant({
      ...shared,
      dim: outlierChannels,
      bitsTotal: outlierHighBits,
      mode: options.outlierMode ?? defaultMode(outlierHighBits),
      seed: deriveSeed(seed, OUTLIER_SEED_STREAM),
    });
    this.regular = new TurboQuant({
      ...shared,
      dim: dim - outlierChannels,
      bitsTotal: regularBits,
      mode: options.regularMode ?? defaultMode(regularBits),
      seed: deriveSeed(seed, REGULAR_SEED_STREAM),
    });
  }

  /** Channel-weighted mean of the two instances' bitsTotal (index and QJL bits, no norms). */
  get effectiveBits(): number {
    return effectiveBits(this.split, this.dim);
  }

  /**
   * Bits per coordinate including norm storage: each instance stores one norm (and prod instances also gamma),
   * each `normBits` wide (32 = the float32 this reference keeps; 16 = float16 as a KV cache would).
   */
  effectiveBitsWithNorms(normBits: 16 | 32 = 32): number {
    const total = this.outlier.storageBits(normBits).totalBitsPerVector + this.regular.storageBits(normBits).totalBitsPerVector;
    return total / this.dim;
  }

  /** Gathers the given channels of each row into a (count, channels.length) float64 batch. */
  private gather(x: Float64Array, count: number, channels: Int32Array): Float64Array {
    const width = channels.length;
    const out = new Float64Array(count * width);
    for (let row = 0; row < count; row++) {
      for (let j = 0; j < width; j++) out[row * width + j] = x[row * this.dim + channels[j]!]!;
    }
    return out;
  }

  quantizeBatch(x: VectorLike, count: number): MixedPrecisionBatch {
    validateBatch(x, count, this.dim, 'x');
    const values = Float64Array.from(x);
    return {
      count,
      outlier: this.outlier.quantizeBatch(this.gather(values, count, this.outlierChannelIndices), count),
      regular: this.regular.quantizeBatch(this.gather(values, count, this.regularChannelIndices), count),
    };
  }

  quantize(x: VectorLike): MixedPrecisionBatch {
    return this.quantizeBatch(toFloat64(x, this.dim, 'x'), 1);
  }

  /** Reconstruction, row-major (count, dim) float32: each half scattered back to its channels. */
  dequantizeBatch(batch: MixedPrecisionBatch): Float32Array {
    const out = new Float32Array(batch.count * this.dim);
    const scatter = (values: Float32Array, channels: Int32Array): void => {
      const width = channels.length;
      for (let row = 0; row < batch.count; row++) {
        for (let j = 0; j < width; j++) out[row * this.dim + channels[j]!] = values[row * width + j]!;
      }
    };
    scatter(this.outlier.dequantizeBatch(batch.outlier), this.outlierChannelIndices);
    scatter(this.regular.dequantizeBatch(batch.regular), this.regularChannelIndices);
    return out;
  }

  /** Estimates of <q, x_r> for one query against every row: the sum of the two instances' estimates. */
  estimateInnerProductsBatch(q: VectorLike, batch: MixedPrecisionBatch): Float64Array {
    const query = toFloat64(q, this.dim, 'q');
    const outlierQuery = this.gather(query, 1, this.outlierChannelIndices);
    const regularQuery = this.gather(query, 1, this.regularChannelIndices);
    const fromOutliers = this.outlier.estimateInnerProductsBatch(outlierQuery, batch.outlier);
    const fromRegular = this.regular.estimateInnerProductsBatch(regularQuery, batch.regular);
    return fromOutliers.map((value, row) => value + fromRegular[row]!);
  }

  estimateInnerProduct(q: VectorLike, batch: MixedPrecisionBatch): number {
    if (batch.count !== 1) throw new RangeError(`estimateInnerProduct takes a single quantized vector (count ${batch.count})`);
    return this.estimateInnerProductsBatch(q, batch)[0]!;
  }
}

/** A mixed-precision quantizer (see {@link MixedPrecisionOptions}). */
export function createMixedPrecision(options: MixedPrecisionOptions): MixedPrecisionQuantizer {
  return new MixedPrecisionQuantizer(options);
}
