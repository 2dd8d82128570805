// Lloyd-Max scalar codebooks for the coordinates of a randomly rotated unit vector (TurboQuant, Section 3.1).
//
// After a Haar rotation, each coordinate X of a unit vector in R^d has the density (paper, Lemma 1)
//   f(x) = Gamma(d/2) / (sqrt(pi) Gamma((d-1)/2)) (1 - x^2)^((d-3)/2),   x in [-1, 1],
// i.e. (1 + X)/2 ~ Beta((d-1)/2, (d-1)/2); it tends to N(0, 1/d) for large d. TurboQuant_mse quantizes each
// coordinate with the optimal (Lloyd-Max) scalar quantizer of f with 2^b levels (paper, Eq. (4)).
//
// Everything is computed in closed form, so the codebook is exact to about 1e-14:
// - cell mass:  P(a < X < b) from the regularized incomplete beta function (or erfc for the Gaussian limit);
// - cell first moment: int_a^b x f(x) dx = C/(d-1) [(1-a^2)^((d-1)/2) - (1-b^2)^((d-1)/2)]
//   (the Gaussian: sigma^2 (phi(a) - phi(b)));
// - the normaliser C uses log-gamma, so any d >= 3 works.
// The Lloyd fixed point (centroid = conditional mean of its cell, boundary = midpoint of neighbouring centroids)
// is solved by Newton's method on the tridiagonal Jacobian of the Lloyd map, started from the asymptotically
// optimal companding quantizer (point density proportional to f^(1/3)); plain Lloyd iterations converge too
// slowly for 2^8 levels. By symmetry only the positive half is solved and then mirrored, so the codebook is exactly
// symmetric and, for every b, 0 is a decision boundary.

import { logGamma, normalUpperTail, regularizedIncompleteBeta } from './special.js';

/** Which coordinate density a codebook is built for: the exact one ('beta') or its N(0, 1/d) limit ('gaussian'). */
export type CodebookDensity = 'beta' | 'gaussian';

/** Largest supported bit width: indices always fit a Uint8Array. */
export const MAX_CODEBOOK_BITS = 8;

/** A Lloyd-Max codebook for one coordinate of a rotated unit vector in R^dim. Treat its arrays as read-only. */
export interface Codebook {
  readonly dim: number;
  readonly bits: number;
  readonly density: CodebookDensity;
  /** 2^bits centroids, ascending, symmetric about 0 (float64). */
  readonly centroids: Float64Array;
  /** 2^bits - 1 decision boundaries, the midpoints of neighbouring centroids, ascending (float64). */
  readonly boundaries: Float64Array;
  /** The centroids rounded to float32, for kernels. */
  readonly centroidsFloat32: Float32Array;
  /** The boundaries rounded to float32, for kernels. */
  readonly boundariesFloat32: Float32Array;
  /** Expected squared error of one coordinate, E (X - Q(X))^2 under the density. */
  readonly coordinateDistortion: number;
  /** Expected ||u - u~||^2 for a unit vector u: dim * coordinateDistortion (paper's D_mse, Theorem 1). */
  readonly distortion: number;
  /** Newton iterations used (0 when the start was already converged). */
  readonly iterations: number;
  /** max_i |centroid_i - E[X | cell_i]| at the end (absolute). */
  readonly residual: number;
}

/** Throws a RangeError naming `name` unless `bits` is an integer in [1, 8]. */
export function validateBits(bits: number, name = 'bits'): void {
  if (!Number.isInteger(bits) || bits < 1 || bits > MAX_CODEBOOK_BITS) {
    throw new RangeError(`${name} must be an integer in 1..${MAX_CODEBOOK_BITS} (got ${String(bits)})`);
  }
}

/** Throws a RangeError naming `dim` unless it suits the density: d >= 3 for 'beta', d >= 1 for 'gaussian'. */
export function validateCodebookDim(dim: number, density: CodebookDensity, name = 'dim'): void {
  if (density !== 'beta' && density !== 'gaussian') {
    throw new RangeError(`density must be 'beta' or 'gaussian' (got ${String(density)})`);
  }
  const minimum = density === 'beta' ? 3 : 1;
  if (!Number.isInteger(dim) || dim < minimum) {
    const why = density === 'beta' ? ' for the beta coordinate density (use density "gaussian" for smaller dims)' : '';
    throw new RangeError(`${name} must be an integer >= ${minimum}${why} (got ${String(dim)})`);
  }
}

/** One-sided view of a symmetric density on [0, upper): everything the Lloyd solver needs. */
interface HalfDensity {
  /** Right end of the support: 1 (beta) or Infinity (gaussian). */
  readonly upper: number;
  /** E[X^2]. */
  readonly secondMoment: number;
  /** A scale of the coordinates (sqrt of E[X^2]), for tolerances. */
  readonly scale: number;
  pdf(x: number): number;
  /** P(X > x) for x >= 0. */
  upperTail(x: number): number;
  /** int_lo^hi x f(x) dx for 0 <= lo < hi <= upper. */
  firstMoment(lo: number, hi: number): number;
}

/**
 * The beta coordinate density parameterised by alpha = (d - 1)/2 (non-integer alpha is allowed; the solver's
 * starting point uses alpha' = (d + 3)/6, the density proportional to f^(1/3)).
 */
function betaHalfDensity(alpha: number): HalfDensity {
  // C = Gamma(alpha + 1/2) / (sqrt(pi) Gamma(alpha)) with alpha + 1/2 = d/2, alpha = (d-1)/2.
  const normaliser = Math.exp(logGamma(alpha + 0.5) - logGamma(alpha)) / Math.sqrt(Math.PI);
  const secondMoment = 1 / (2 * alpha + 1);
  return {
    upper: 1,
    secondMoment,
    scale: Math.sqrt(secondMoment),
    pdf(x) {
      if (x >= 1) return alpha === 1 ? normaliser : 0;
      return normaliser * Math.exp((alpha - 1) * Math.log1p(-x * x));
    },
    upperTail(x) {
      if (x <= 0) return x === 0 ? 0.5 : 1 - this.upperTail(-x);
      if (x >= 1) return 0;
      // P(X > x) = P((1 - X)/2 < (1 - x)/2) = I_{(1-x)/2}(alpha, alpha) by symmetry of the beta law.
      return regularizedIncompleteBeta((1 - x) / 2, alpha, alpha);
    },
    firstMoment(lo, hi) {
      // C/(2 alpha) [(1 - lo^2)^alpha - (1 - hi^2)^alpha], the difference taken with expm1 to keep its digits.
      const logLower = alpha * Math.log1p(-lo * lo);
      const logUpper = hi >= 1 ? -Infinity : alpha * Math.log1p(-hi * hi);
      return ((normaliser / (2 * alpha)) * -Math.exp(logLower) * Math.expm1(logUpper - logLower));
    },
  };
}

/** N(0, sigma^2). */
function gaussianHalfDensity(sigma: number): HalfDensity {
  const variance = sigma * sigma;
  const pdfScale = 1 / (sigma * Math.sqrt(2 * Math.PI));
  return {
    upper: Infinity,
    secondMoment: variance,
    scale: sigma,
    pdf(x) {
      return pdfScale * Math.exp(-(x * x) / (2 * variance));
    },
    upperTail(x) {
      return normalUpperTail(x / sigma);
    },
    firstMoment(lo, hi) {
      // sigma^2 (phi(lo) - phi(hi)) = sigma^2 phi(lo) (1 - exp(-(hi^2 - lo^2) / (2 sigma^2))).
      const exponent = hi === Infinity ? -Infinity : -((hi - lo) * (hi + lo)) / (2 * variance);
      return variance * this.pdf(lo) * -Math.expm1(exponent);
    },
  };
}

/** x >= 0 with P(X > x) = tail, by bisection (used only for the starting point). */
function upperTailQuantile(density: HalfDensity, tail: number): number {
  let lo = 0;
  let hi = density.upper === Infinity ? 40 * density.scale : 1;
  for (let i = 0; i < 100 && hi - lo > 1e-17; i++) {
    const mid = 0.5 * (lo + hi);
    if (density.upperTail(mid) > tail) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

interface LloydEvaluation {
  /** Conditional means of the positive cells under the current boundaries. */
  means: Float64Array;
  masses: Float64Array;
  firstMoments: Float64Array;
  /** Sub-diagonal, diagonal and super-diagonal of I - J (J the Jacobian of the Lloyd map). */
  lower: Float64Array;
  diagonal: Float64Array;
  upper: Float64Array;
  residual: number;
}

/**
 * Evaluates the Lloyd map on the positive half: cells [t_k, t_{k+1}) with t_0 = 0, t_k = (p_{k-1} + p_k)/2,
 * t_H = upper; returns the conditional means T_k and the tridiagonal I - dT/dp.
 * dT_k/dt_k = f(t_k)(T_k - t_k)/P_k, dT_k/dt_{k+1} = f(t_{k+1})(t_{k+1} - T_k)/P_k, dt/dp = 1/2.
 */
function evaluateLloyd(density: HalfDensity, positive: Float64Array): LloydEvaluation {
  const half = positive.length;
  const means = new Float64Array(half);
  const masses = new Float64Array(half);
  const firstMoments = new Float64Array(half);
  const lower = new Float64Array(half);
  const diagonal = new Float64Array(half);
  const upper = new Float64Array(half);
  let residual = 0;
  let lo = 0;
  let tailLo = 0.5;
  for (let k = 0; k < half; k++) {
    const hi = k + 1 < half ? 0.5 * (positive[k]! + positive[k + 1]!) : density.upper;
    const tailHi = density.upperTail(hi);
    const mass = tailLo - tailHi;
    const moment = density.firstMoment(lo, hi);
    const mean = moment / mass;
    means[k] = mean;
    masses[k] = mass;
    firstMoments[k] = moment;
    const fromLower = k > 0 ? (density.pdf(lo) * (mean - lo)) / mass : 0;
    const fromUpper = k + 1 < half ? (density.pdf(hi) * (hi - mean)) / mass : 0;
    lower[k] = -0.5 * fromLower;
    upper[k] = -0.5 * fromUpper;
    diagonal[k] = 1 - 0.5 * (fromLower + fromUpper);
    residual = Math.max(residual, Math.abs(mean - positive[k]!));
    lo = hi;
    tailLo = tailHi;
  }
  return { means, masses, firstMoments, lower, diagonal, upper, residual };
}

/** Solves the tridiagonal system (Thomas algorithm); returns x with A x = rhs. */
function solveTridiagonal(lower: Float64Array, diagonal: Float64Array, upper: Float64Array, rhs: Float64Array): Float64Array {
  const n = rhs.length;
  const c = new Float64Array(n);
  const x = new Float64Array(n);
  let denominator = diagonal[0]!;
  c[0] = upper[0]! / denominator;
  x[0] = rhs[0]! / denominator;
  for (let i = 1; i < n; i++) {
    denominator = diagonal[i]! - lower[i]! * c[i - 1]!;
    c[i] = upper[i]! / denominator;
    x[i] = (rhs[i]! - lower[i]! * x[i - 1]!) / denominator;
  }
  for (let i = n - 2; i >= 0; i--) x[i]! -= c[i]! * x[i + 1]!;
  return x;
}

function isStrictlyIncreasingInside(values: Float64Array, upper: number): boolean {
  let previous = 0;
  for (const value of values) {
    if (!(value > previous) || !(value < upper)) return false;
    previous = value;
  }
  return true;
}

interface HalfSolution {
  positive: Float64Array;
  evaluation: LloydEvaluation;
  iterations: number;
}

const MAX_NEWTON_ITERATIONS = 200;

/** Newton's method on p = T(p) for the positive half (2^(bits-1) centroids), damped to keep cells ordered. */
function solvePositiveHalf(density: HalfDensity, start: HalfDensity, half: number): HalfSolution {
  const levels = 2 * half;
  let positive = new Float64Array(half);
  for (let k = 0; k < half; k++) positive[k] = upperTailQuantile(start, (half - k - 0.5) / levels);
  let evaluation = evaluateLloyd(density, positive);
  const tolerance = 1e-15 * density.scale;
  let iterations = 0;
  while (evaluation.residual > tolerance && iterations < MAX_NEWTON_ITERATIONS) {
    iterations++;
    const gap = new Float64Array(half);
    for (let k = 0; k < half; k++) gap[k] = evaluation.means[k]! - positive[k]!;
    const step = solveTridiagonal(evaluation.lower, evaluation.diagonal, evaluation.upper, gap);
    let scale = 1;
    let accepted = false;
    for (let attempt = 0; attempt < 40; attempt++, scale *= 0.5) {
      const candidate = new Float64Array(half);
      for (let k = 0; k < half; k++) candidate[k] = positive[k]! + scale * step[k]!;
      if (!isStrictlyIncreasingInside(candidate, density.upper)) continue;
      const candidateEvaluation = evaluateLloyd(density, candidate);
      if (candidateEvaluation.residual < evaluation.residual) {
        positive = candidate;
        evaluation = candidateEvaluation;
        accepted = true;
        break;
      }
    }
    if (!accepted) {
      // Newton cannot improve any more: rounding noise has been reached. Finish with one Lloyd step if it helps.
      const lloyd = evaluation.means.slice();
      const lloydEvaluation = evaluateLloyd(density, lloyd);
      if (lloydEvaluation.residual < evaluation.residual) {
        positive = lloyd;
        evaluation = lloydEvaluation;
      }
      break;
    }
  }
  return { positive, evaluation, iterations };
}

function buildCodebook(dim: number, bits: number, density: CodebookDensity): Codebook {
  // Beta: alpha = (d-1)/2; start from the companding density f^(1/3), a beta density with alpha' = (d+3)/6.
  // Gaussian N(0, 1/d): f^(1/3) is N(0, 3/d).
  const model = density === 'beta' ? betaHalfDensity((dim - 1) / 2) : gaussianHalfDensity(1 / Math.sqrt(dim));
  const start = density === 'beta' ? betaHalfDensity((dim + 3) / 6) : gaussianHalfDensity(Math.sqrt(3 / dim));
  const levels = 1 << bits;
  const half = levels / 2;
  const { positive, evaluation, iterations } = solvePositiveHalf(model, start, half);

  const centroids = new Float64Array(levels);
  for (let k = 0; k < half; k++) {
    centroids[half + k] = positive[k]!;
    centroids[half - 1 - k] = -positive[k]!;
  }
  const boundaries = new Float64Array(levels - 1);
  for (let i = 0; i < levels - 1; i++) boundaries[i] = 0.5 * (centroids[i]! + centroids[i + 1]!);
  boundaries[half - 1] = 0; // exactly, not -0 or a rounding residue

  // E(X - Q(X))^2 = E X^2 + sum over cells of (p^2 P - 2 p M); both halves contribute equally.
  let correction = 0;
  for (let k = 0; k < half; k++) {
    const p = positive[k]!;
    correction += p * p * evaluation.masses[k]! - 2 * p * evaluation.firstMoments[k]!;
  }
  const coordinateDistortion = model.secondMoment + 2 * correction;
  return {
    dim,
    bits,
    density,
    centroids,
    boundaries,
    centroidsFloat32: Float32Array.from(centroids),
    boundariesFloat32: Float32Array.from(boundaries),
    coordinateDistortion,
    distortion: dim * coordinateDistortion,
    iterations,
    residual: evaluation.residual,
  };
}

const codebookCache = new Map<string, Codebook>();

/** Options of {@link lloydMaxCodebook}. */
export interface CodebookOptions {
  /** 'beta' (default): the exact coordinate density for dimension dim; 'gaussian': its N(0, 1/dim) limit. */
  density?: CodebookDensity;
}

/**
 * The Lloyd-Max codebook with 2^bits levels for one coordinate of a rotated unit vector in R^dim.
 * Cached by (dim, bits, density): the first call for d = 256 takes about a millisecond for b <= 4 and a few
 * milliseconds for b = 8, later calls return the same object.
 */
export function lloydMaxCodebook(dim: number, bits: number, options: CodebookOptions = {}): Codebook {
  const density = options.density ?? 'beta';
  validateCodebookDim(dim, density);
  validateBits(bits);
  const key = `${density}:${dim}:${bits}`;
  let codebook = codebookCache.get(key);
  if (!codebook) {
    codebook = buildCodebook(dim, bits, density);
    codebookCache.set(key, codebook);
  }
  return codebook;
}

/** Empties the codebook cache (for timing the first build). */
export function clearCodebookCache(): void {
  codebookCache.clear();
}

/**
 * Index of the cell that holds `value`: the number of boundaries <= value (binary search), so a value exactly
 * on a boundary goes to the upper cell (0 maps to the first positive centroid). Returns 0..2^bits - 1.
 */
export function quantizeScalar(codebook: Codebook, value: number): number {
  return searchBoundaries(codebook.boundaries, value);
}

/** Number of entries of the ascending `boundaries` that are <= value. */
export function searchBoundaries(boundaries: Float64Array, value: number): number {
  let lo = 0;
  let hi = boundaries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (boundaries[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The coordinate density f(x) of a rotated unit vector in R^dim (or of N(0, 1/dim)). */
export function coordinateDensity(dim: number, x: number, density: CodebookDensity = 'beta'): number {
  validateCodebookDim(dim, density);
  if (density === 'beta') {
    if (x <= -1 || x >= 1) return dim === 3 && Math.abs(x) === 1 ? 0.5 : 0;
    return betaHalfDensity((dim - 1) / 2).pdf(Math.abs(x));
  }
  return gaussianHalfDensity(1 / Math.sqrt(dim)).pdf(x);
}

/** P(X <= x) for the coordinate density of dimension dim. */
export function coordinateCdf(dim: number, x: number, density: CodebookDensity = 'beta'): number {
  validateCodebookDim(dim, density);
  const model = density === 'beta' ? betaHalfDensity((dim - 1) / 2) : gaussianHalfDensity(1 / Math.sqrt(dim));
  if (x >= 0) return 1 - model.upperTail(x);
  return model.upperTail(-x);
}

/**
 * E[X | lo < X < hi] under the coordinate density, computed independently of the solver (same closed forms,
 * used by the tests to check that every centroid is the conditional mean of its cell).
 */
export function conditionalMean(dim: number, lo: number, hi: number, density: CodebookDensity = 'beta'): number {
  validateCodebookDim(dim, density);
  if (!(lo < hi)) throw new RangeError(`conditionalMean: need lo < hi (got lo=${lo}, hi=${hi})`);
  const model = density === 'beta' ? betaHalfDensity((dim - 1) / 2) : gaussianHalfDensity(1 / Math.sqrt(dim));
  const upper = model.upper;
  const clampedLo = Math.max(lo, -upper);
  const clampedHi = Math.min(hi, upper);
  // Split at 0 and use the odd symmetry of x f(x): int_a^b x f = M(0, b) - M(0, -a) for a < 0 < b.
  const momentFromZero = (t: number): number => (t >= 0 ? model.firstMoment(0, t) : model.firstMoment(0, -t));
  const tail = (t: number): number => (t >= 0 ? model.upperTail(t) : 1 - model.upperTail(-t));
  let moment: number;
  if (clampedLo >= 0) moment = model.firstMoment(clampedLo, clampedHi);
  else if (clampedHi <= 0) moment = -model.firstMoment(-clampedHi, -clampedLo);
  else moment = momentFromZero(clampedHi) - momentFromZero(clampedLo);
  const mass = clampedLo >= 0 ? tail(clampedLo) - tail(clampedHi) : clampedHi <= 0
    ? model.upperTail(-clampedHi) - model.upperTail(-clampedLo)
    : 1 - model.upperTail(-clampedLo) - model.upperTail(clampedHi);
  return moment / mass;
}

