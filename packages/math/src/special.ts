// Special functions the codebook construction needs, written for float64 accuracy (about 1e-15 relative):
// log-gamma, the regularized incomplete beta function and the complementary error function.
// No dependencies; every routine is a textbook series or continued fraction (Abramowitz & Stegun 6.1, 7.1, 26.5).

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

// Coefficients B_{2k} / (2k (2k - 1)) of the Stirling series for ln Gamma (A&S 6.1.40), k = 1..8.
const STIRLING_COEFFICIENTS = [
  1 / 12,
  -1 / 360,
  1 / 1260,
  -1 / 1680,
  1 / 1188,
  -691 / 360360,
  1 / 156,
  -3617 / 122400,
];

/**
 * ln Gamma(x) for x > 0. Shifts x up to at least 15 with the recurrence Gamma(x + 1) = x Gamma(x), then sums the
 * Stirling series (A&S 6.1.40); absolute error below 1e-15 for the arguments the codebooks use, so large d
 * (ln Gamma(2048) is about 1.36e4) keeps full relative precision in differences like ln Gamma(d/2) - ln Gamma((d-1)/2).
 */
export function logGamma(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) throw new RangeError(`logGamma: x must be a finite positive number (got ${x})`);
  let shift = 0;
  let product = 1;
  while (x < 15) {
    product *= x;
    x += 1;
    // Keep the running product in range; its log is taken once at the end.
    if (product > 1e280) {
      shift += Math.log(product);
      product = 1;
    }
  }
  shift += Math.log(product);
  const inverse = 1 / x;
  const inverseSquared = inverse * inverse;
  let series = 0;
  let power = inverse;
  for (const coefficient of STIRLING_COEFFICIENTS) {
    series += coefficient * power;
    power *= inverseSquared;
  }
  return (x - 0.5) * Math.log(x) - x + HALF_LOG_TWO_PI + series - shift;
}

/** ln B(a, b) = ln Gamma(a) + ln Gamma(b) - ln Gamma(a + b). */
export function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

const CONTINUED_FRACTION_EPSILON = 1e-16;
const CONTINUED_FRACTION_TINY = 1e-300;
const CONTINUED_FRACTION_MAX_TERMS = 100_000;

/**
 * Continued fraction of the incomplete beta function (A&S 26.5.8), evaluated with the modified Lentz method:
 * I_x(a, b) = x^a (1 - x)^b / (a B(a, b)) * 1 / (1 + d1 / (1 + d2 / (1 + ...))). Converges fast for
 * x < (a + 1) / (a + b + 2); callers use the symmetry I_x(a, b) = 1 - I_{1-x}(b, a) otherwise.
 */
function incompleteBetaContinuedFraction(x: number, a: number, b: number): number {
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < CONTINUED_FRACTION_TINY) d = CONTINUED_FRACTION_TINY;
  d = 1 / d;
  let result = d;
  for (let m = 1; m <= CONTINUED_FRACTION_MAX_TERMS; m++) {
    const twoM = 2 * m;
    // Even term d_{2m} = m (b - m) x / ((a + 2m - 1)(a + 2m)).
    let numerator = (m * (b - m) * x) / ((a + twoM - 1) * (a + twoM));
    d = 1 + numerator * d;
    if (Math.abs(d) < CONTINUED_FRACTION_TINY) d = CONTINUED_FRACTION_TINY;
    c = 1 + numerator / c;
    if (Math.abs(c) < CONTINUED_FRACTION_TINY) c = CONTINUED_FRACTION_TINY;
    d = 1 / d;
    result *= d * c;
    // Odd term d_{2m+1} = -(a + m)(a + b + m) x / ((a + 2m)(a + 2m + 1)).
    numerator = (-(a + m) * (a + b + m) * x) / ((a + twoM) * (a + twoM + 1));
    d = 1 + numerator * d;
    if (Math.abs(d) < CONTINUED_FRACTION_TINY) d = CONTINUED_FRACTION_TINY;
    c = 1 + numerator / c;
    if (Math.abs(c) < CONTINUED_FRACTION_TINY) c = CONTINUED_FRACTION_TINY;
    d = 1 / d;
    const delta = d * c;
    result *= delta;
    if (Math.abs(delta - 1) < CONTINUED_FRACTION_EPSILON) return result;
  }
  throw new Error(`incompleteBeta: continued fraction did not converge for x=${x}, a=${a}, b=${b}`);
}

/**
 * Regularized incomplete beta function I_x(a, b) = P(B <= x) for B ~ Beta(a, b), a, b > 0, x in [0, 1].
 * The prefactor x^a (1 - x)^b / B(a, b) is formed in log space so large a, b (large d) do not overflow.
 */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  if (!(a > 0) || !(b > 0)) throw new RangeError(`regularizedIncompleteBeta: a and b must be positive (got a=${a}, b=${b})`);
  if (!(x >= 0 && x <= 1)) throw new RangeError(`regularizedIncompleteBeta: x must be in [0, 1] (got ${x})`);
  if (x === 0) return 0;
  if (x === 1) return 1;
  const logPrefactor = a * Math.log(x) + b * Math.log1p(-x) - logBeta(a, b);
  if (x < (a + 1) / (a + b + 2)) {
    return (Math.exp(logPrefactor) * incompleteBetaContinuedFraction(x, a, b)) / a;
  }
  return 1 - (Math.exp(logPrefactor) * incompleteBetaContinuedFraction(1 - x, b, a)) / b;
}

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

/**
 * Complementary error function erfc(z) = 1 - erf(z), with full relative precision in the upper tail.
 * |z| < 2: the everywhere-positive series erf(z) = 2/sqrt(pi) e^{-z^2} sum_n 2^n z^{2n+1} / (1*3*...*(2n+1))
 * (A&S 7.1.6); z >= 2: the continued fraction erfc(z) = e^{-z^2}/sqrt(pi) * 1/(z + (1/2)/(z + 1/(z + (3/2)/(z + ...))))
 * (A&S 7.1.14), evaluated with modified Lentz.
 */
export function erfc(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  if (z < 0) return 2 - erfc(-z);
  if (z < 2) {
    const zSquared = z * z;
    let term = z;
    let sum = z;
    for (let n = 1; n < 200; n++) {
      term *= (2 * zSquared) / (2 * n + 1);
      sum += term;
      if (term < 1e-17 * sum) break;
    }
    return 1 - TWO_OVER_SQRT_PI * Math.exp(-zSquared) * sum;
  }
  if (z > 27) return 0; // below the smallest double
  // Lentz on z + a_1/(z + a_2/(z + ...)) with a_k = k/2.
  let f = z;
  let c = z;
  let d = 0;
  for (let k = 1; k <= 10_000; k++) {
    const a = k / 2;
    d = z + a * d;
    if (Math.abs(d) < CONTINUED_FRACTION_TINY) d = CONTINUED_FRACTION_TINY;
    c = z + a / c;
    if (Math.abs(c) < CONTINUED_FRACTION_TINY) c = CONTINUED_FRACTION_TINY;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < CONTINUED_FRACTION_EPSILON) break;
  }
  return Math.exp(-z * z) / (Math.sqrt(Math.PI) * f);
}

/** Upper tail of the standard normal distribution, P(Z > z) = erfc(z / sqrt 2) / 2. */
export function normalUpperTail(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}
