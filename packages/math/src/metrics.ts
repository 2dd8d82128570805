// Distortion metrics, the paper's bounds and reported values, exact expectations, and a Monte Carlo estimate of
// TurboQuant's distortion (what `turbomlx math distortion` prints).
//
// For unit vectors x, y (Zandieh et al., arXiv 2504.19874, Eq. (1)-(2)):
//   D_mse  = E ||x - x~||^2
//   D_prod = E (<y, x> - <y, x~>)^2     (the prod estimate in place of <y, x~>)
// Theorem 1: 4^-b <= D_mse <= (sqrt(3) pi / 2) 4^-b, with D_mse ~ 0.36, 0.117, 0.03, 0.009 for b = 1..4.
// Theorem 2: D_prod <= (sqrt(3) pi^2 ||y||^2 / d) 4^-b, with D_prod ~ 1.57/d, 0.56/d, 0.18/d, 0.047/d for b = 1..4;
// Theorem 3 (lower bounds): D_mse >= 4^-b and D_prod >= ||y||^2 4^-b / d for any quantizer.
// (A factor 1/2 in the prod upper bound would contradict the paper's own b = 2 value: 0.56/d > sqrt(3) pi^2/(2d)/16
// = 0.534/d, so the bound is taken without it.)

import { lloydMaxCodebook, validateBits, type CodebookDensity } from './codebook.js';
import { dot } from './linalg.js';
import { QJL_SCALE, dotWithSigns, signsOf } from './qjl.js';
import { createRng, deriveSeed, randomUnitVectors, validateSeed } from './rng.js';
import type { RotationKind } from './rotation.js';
import { TurboQuant, type TurboQuantMode } from './turboquant.js';

/** D_mse the paper reports for b = 1..4 (d-independent). */
export const PAPER_MSE_DISTORTION: readonly number[] = [0.36, 0.117, 0.03, 0.009];
/** d * D_prod the paper reports for b = 1..4. */
export const PAPER_PROD_DISTORTION_TIMES_DIM: readonly number[] = [1.57, 0.56, 0.18, 0.047];

/** The paper's D_mse for b = 1..4, else null. */
export function paperMseDistortion(bits: number): number | null {
  return PAPER_MSE_DISTORTION[bits - 1] ?? null;
}

/** The paper's D_prod for b = 1..4 at dimension dim (value / dim), else null. */
export function paperProdDistortion(bits: number, dim: number): number | null {
  const timesDim = PAPER_PROD_DISTORTION_TIMES_DIM[bits - 1];
  return timesDim === undefined ? null : timesDim / dim;
}

/** Lower and upper bound on a distortion. */
export interface DistortionBounds {
  lower: number;
  upper: number;
}

/** Theorems 1 and 3: 4^-b <= D_mse <= (sqrt(3) pi / 2) 4^-b. */
export function mseDistortionBounds(bits: number): DistortionBounds {
  validateBits(bits);
  const rate = 4 ** -bits;
  return { lower: rate, upper: ((Math.sqrt(3) * Math.PI) / 2) * rate };
}

/** Theorems 2 and 3: ||y||^2 4^-b / d <= D_prod <= (sqrt(3) pi^2 ||y||^2 / d) 4^-b. */
export function prodDistortionBounds(bits: number, dim: number, queryNormSquared = 1): DistortionBounds {
  validateBits(bits);
  const rate = (queryNormSquared * 4 ** -bits) / dim;
  return { lower: rate, upper: Math.sqrt(3) * Math.PI * Math.PI * rate };
}

/** Exact E||u - u~||^2 of TurboQuant_mse under a Haar rotation: dim * the codebook's per-coordinate MSE. */
export function expectedMseDistortion(dim: number, bits: number, density: CodebookDensity = 'beta'): number {
  return lloydMaxCodebook(dim, bits, { density }).distortion;
}

/**
 * Exact D_prod of TurboQuant_prod for a Haar rotation and a uniformly random unit query independent of x:
 * the QJL estimate of <y, r> has variance (pi/2 ||r||^2 - <y, r>^2) / d given r, and E<y, r>^2 = ||r||^2 / d,
 * so D_prod = (pi/2 - 1/d) / d * E||r||^2 with E||r||^2 = D_mse(bitsTotal - 1) (1 for bitsTotal = 1: QJL alone).
 */
export function expectedProdDistortion(dim: number, bitsTotal: number, density: CodebookDensity = 'beta'): number {
  validateBits(bitsTotal, 'bitsTotal');
  const residual = bitsTotal === 1 ? 1 : expectedMseDistortion(dim, bitsTotal - 1, density);
  return ((Math.PI / 2 - 1 / dim) / dim) * residual;
}

/** ||a - b||^2 over `length` entries from the given offsets. */
export function squaredDistance(a: ArrayLike<number>, aOffset: number, b: ArrayLike<number>, bOffset: number, length: number): number {
  let sum = 0;
  for (let i = 0; i < length; i++) {
    const difference = a[aOffset + i]! - b[bOffset + i]!;
    sum += difference * difference;
  }
  return sum;
}

/** Mean over rows of ||x_r - x~_r||^2 for row-major (count, dim) batches. */
export function meanSquaredError(x: ArrayLike<number>, reconstructed: ArrayLike<number>, count: number, dim: number): number {
  if (x.length !== count * dim || reconstructed.length !== count * dim) {
    throw new RangeError(`x and reconstructed must hold count * dim = ${count * dim} values`);
  }
  let sum = 0;
  for (let row = 0; row < count; row++) sum += squaredDistance(x, row * dim, reconstructed, row * dim, dim);
  return count > 0 ? sum / count : 0;
}

/** Statistics of inner-product estimates against the true values. */
export interface InnerProductErrorStats {
  count: number;
  /** mean (estimate - truth)^2. */
  distortion: number;
  /** Standard error of `distortion`. */
  distortionStderr: number;
  /** mean (estimate - truth). */
  bias: number;
  /** Standard error of `bias`. */
  biasStderr: number;
  /** sum(estimate * truth) / sum(truth^2): 1 for an unbiased estimator, 1 - D_mse for TurboQuant_mse. */
  slope: number;
}

/** Running sums for {@link InnerProductErrorStats}. */
class ErrorAccumulator {
  count = 0;
  private sumError = 0;
  private sumErrorSquared = 0;
  private sumErrorFourth = 0;
  private sumProduct = 0;
  private sumTruthSquared = 0;

  add(estimate: number, truth: number): void {
    const error = estimate - truth;
    const squared = error * error;
    this.count++;
    this.sumError += error;
    this.sumErrorSquared += squared;
    this.sumErrorFourth += squared * squared;
    this.sumProduct += estimate * truth;
    this.sumTruthSquared += truth * truth;
  }

  stats(): InnerProductErrorStats {
    const n = this.count;
    const bias = this.sumError / n;
    const distortion = this.sumErrorSquared / n;
    const errorVariance = Math.max(0, this.sumErrorSquared / n - bias * bias);
    const squaredVariance = Math.max(0, this.sumErrorFourth / n - distortion * distortion);
    return {
      count: n,
      distortion,
      distortionStderr: Math.sqrt(squaredVariance / n),
      bias,
      biasStderr: Math.sqrt(errorVariance / n),
      slope: this.sumProduct / this.sumTruthSquared,
    };
  }
}

/** Statistics of estimates versus truths (arrays of equal length). */
export function innerProductErrorStats(estimates: ArrayLike<number>, truths: ArrayLike<number>): InnerProductErrorStats {
  if (estimates.length !== truths.length || estimates.length === 0) {
    throw new RangeError('estimates and truths must be non-empty and of equal length');
  }
  const accumulator = new ErrorAccumulator();
  for (let i = 0; i < estimates.length; i++) accumulator.add(estimates[i]!, truths[i]!);
  return accumulator.stats();
}

/** Options of {@link simulateDistortion}. */
export interface DistortionOptions {
  dim: number;
  /** Bit widths (bitsTotal) to measure, each 1..8 (prod: 2..8). */
  bits: readonly number[];
  mode: TurboQuantMode;
  /** Number of random (x, y) pairs. */
  samples: number;
  /** Seed of the quantizers (rotation, QJL) and, through deriveSeed(seed, 2), of the samples. */
  seed: number;
  /** Default 'haar'. */
  rotation?: RotationKind;
}

/** One bit width of a distortion run. */
export interface DistortionRow {
  bits: number;
  /** mse: mean ||x - x~||^2; prod: mean (<y, x> - estimate)^2 (not multiplied by dim). */
  distortion: number;
  /** Standard error of `distortion`. */
  stderr: number;
  /** mean (estimate - <y, x>) over random unit y (mse: the estimate is <y, x~>). */
  bias: number;
  biasStderr: number;
  /** sum(estimate * <y,x>) / sum(<y,x>^2): about 2/pi for mse at b = 1, 1 for prod. */
  ipBiasRatio: number;
  /** The exact expectation of ipBiasRatio: 1 - D_mse(b) for mse, 1 for prod. */
  ipBiasRatioExpected: number;
  /** mean (<y, x> - estimate)^2 (the same as `distortion` for prod). */
  innerProductDistortion: number;
  /** Exact expected distortion (Lloyd-Max value; see expectedMseDistortion / expectedProdDistortion). */
  expected: number;
  /** The paper's reported value, or null where it gives none. */
  paper: number | null;
  lowerBound: number;
  upperBound: number;
}

/** A distortion run. */
export interface DistortionReport {
  dim: number;
  mode: TurboQuantMode;
  rotation: RotationKind;
  samples: number;
  seed: number;
  density: CodebookDensity;
  rows: DistortionRow[];
}

/** Stream id of the Monte Carlo samples: createRng(deriveSeed(seed, SAMPLE_SEED_STREAM)). */
export const SAMPLE_SEED_STREAM = 2;

const SAMPLE_CHUNK = 1024;

/**
 * Monte Carlo distortion of TurboQuant: one rotation (and one QJL matrix) per run, `samples` random unit pairs
 * (x, y). All bit widths share the rotation (same seed), so x and y are rotated once per sample.
 * mse: ||x - x~||^2 is taken in rotated space, ||Pi x - c[idx]||^2, equal to it because Pi is orthogonal.
 * prod: follows TurboQuant.quantizeBatch exactly (residual r = x - Pi^T c[idx] in the original space).
 */
export function simulateDistortion(options: DistortionOptions): DistortionReport {
  const { dim, mode, samples, seed } = options;
  const rotation = options.rotation ?? 'haar';
  validateSeed(seed);
  if (!Number.isInteger(samples) || samples < 2) throw new RangeError(`samples must be an integer >= 2 (got ${String(samples)})`);
  if (options.bits.length === 0) throw new RangeError('bits must list at least one bit width');
  const quantizers = options.bits.map((bitsTotal) => new TurboQuant({ dim, bitsTotal, mode, rotation, seed }));
  const sharedRotation = quantizers[0]!.rotation;
  const sharedQjl = quantizers[0]!.qjl;
  const squaredErrors = quantizers.map(() => ({ sum: 0, sumSquares: 0 }));
  const accumulators = quantizers.map(() => new ErrorAccumulator());
  const rng = createRng(deriveSeed(seed, SAMPLE_SEED_STREAM));

  for (let done = 0; done < samples; done += SAMPLE_CHUNK) {
    const count = Math.min(SAMPLE_CHUNK, samples - done);
    const x = randomUnitVectors(rng, count, dim);
    const y = randomUnitVectors(rng, count, dim);
    const truths = new Float64Array(count);
    for (let row = 0; row < count; row++) truths[row] = dot(x, row * dim, y, row * dim, dim);
    const rotatedX = sharedRotation.applyBatchFloat64(x, count);
    const rotatedY = sharedRotation.applyBatchFloat64(y, count);
    const projectedY = sharedQjl ? sharedQjl.projectBatchFloat64(y, count) : null;
    const reconstructedRotated = new Float64Array(count * dim);

    quantizers.forEach((quantizer, q) => {
      const centroids = quantizer.codebook.centroids;
      const indices = quantizer.encodeRotated(rotatedX, count);
      for (let i = 0; i < indices.length; i++) reconstructedRotated[i] = centroids[indices[i]!]!;
      const errors = squaredErrors[q]!;
      const accumulator = accumulators[q]!;
      if (mode === 'mse') {
        for (let row = 0; row < count; row++) {
          const offset = row * dim;
          const squaredError = squaredDistance(rotatedX, offset, reconstructedRotated, offset, dim);
          errors.sum += squaredError;
          errors.sumSquares += squaredError * squaredError;
          accumulator.add(dot(rotatedY, offset, reconstructedRotated, offset, dim), truths[row]!);
        }
        return;
      }
      // prod: r = x - Pi^T c[idx], gamma = ||r|| (float32 as stored), s = sign(S r).
      const residual = sharedRotation.applyTransposeBatchFloat64(reconstructedRotated, count);
      for (let i = 0; i < residual.length; i++) residual[i] = x[i]! - residual[i]!;
      const signs = signsOf(quantizer.qjl!.projectBatchFloat64(residual, count));
      for (let row = 0; row < count; row++) {
        const offset = row * dim;
        const residualSquared = dot(residual, offset, residual, offset, dim);
        const gamma = Math.fround(Math.sqrt(residualSquared));
        const estimate =
          dot(rotatedY, offset, reconstructedRotated, offset, dim) +
          (QJL_SCALE / dim) * gamma * dotWithSigns(projectedY!, offset, signs, offset, dim);
        accumulator.add(estimate, truths[row]!);
      }
    });
  }

  const rows = quantizers.map((quantizer, q): DistortionRow => {
    const bits = quantizer.bitsTotal;
    const ip = accumulators[q]!.stats();
    if (mode === 'mse') {
      const errors = squaredErrors[q]!;
      const mean = errors.sum / samples;
      const variance = Math.max(0, errors.sumSquares / samples - mean * mean);
      const expected = expectedMseDistortion(dim, bits);
      const bounds = mseDistortionBounds(bits);
      return {
        bits,
        distortion: mean,
        stderr: Math.sqrt(variance / samples),
        bias: ip.bias,
        biasStderr: ip.biasStderr,
        ipBiasRatio: ip.slope,
        ipBiasRatioExpected: 1 - expected,
        innerProductDistortion: ip.distortion,
        expected,
        paper: paperMseDistortion(bits),
        lowerBound: bounds.lower,
        upperBound: bounds.upper,
      };
    }
    const bounds = prodDistortionBounds(bits, dim);
    return {
      bits,
      distortion: ip.distortion,
      stderr: ip.distortionStderr,
      bias: ip.bias,
      biasStderr: ip.biasStderr,
      ipBiasRatio: ip.slope,
      ipBiasRatioExpected: 1,
      innerProductDistortion: ip.distortion,
      expected: expectedProdDistortion(dim, bits),
      paper: paperProdDistortion(bits, dim),
      lowerBound: bounds.lower,
      upperBound: bounds.upper,
    };
  });
  return { dim, mode, rotation, samples, seed, density: 'beta', rows };
}
