// Seeded randomness: xoshiro128** (Blackman & Vigna, 2018) seeded by splitmix64, plus Box-Muller Gaussians.
//
// Algorithm (so other languages can reproduce a stream bit for bit):
// - Seeding: a seed is an integer in [0, 2^53). splitmix64 runs from state = seed (as uint64) and is called twice;
//   each call does state += 0x9E3779B97F4A7C15, z = state, z = (z ^ z >> 30) * 0xBF58476D1CE4E5B9,
//   z = (z ^ z >> 27) * 0x94D049BB133111EB, z ^= z >> 31 (all mod 2^64). The two outputs a, b give the xoshiro128**
//   state s0 = low32(a), s1 = high32(a), s2 = low32(b), s3 = high32(b).
// - nextUint32: xoshiro128**: result = rotl(s1 * 5, 7) * 9; t = s1 << 9; s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3;
//   s2 ^= t; s3 = rotl(s3, 11) (all mod 2^32).
// - nextFloat64: two draws hi, lo: ((hi >>> 5) * 2^26 + (lo >>> 6)) / 2^53, uniform on [0, 1) with 53 bits.
// - nextGaussian: Box-Muller on u1 = 1 - nextFloat64() in (0, 1] and u2 = nextFloat64():
//   r = sqrt(-2 ln u1); returns r cos(2 pi u2), then r sin(2 pi u2) on the next call (pairs are never split across
//   a reseed). Integer streams are exact everywhere; Gaussians use Math.log/cos/sin, which JS engines may round
//   differently in the last ulp, so they agree across engines to about 1e-16 relative.

const UINT64_MASK = (1n << 64n) - 1n;
const SPLITMIX_GAMMA = 0x9e3779b97f4a7c15n;

/** Largest seed accepted: seeds are non-negative safe integers. */
export const MAX_SEED = Number.MAX_SAFE_INTEGER;

/** Throws a RangeError naming `name` unless `seed` is an integer in [0, 2^53). */
export function validateSeed(seed: number, name = 'seed'): void {
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed) || seed < 0) {
    throw new RangeError(`${name} must be an integer in [0, ${MAX_SEED}] (got ${String(seed)})`);
  }
}

/** One splitmix64 step: returns [output, nextState] (both uint64 as bigint). */
export function splitmix64(state: bigint): [bigint, bigint] {
  const next = (state + SPLITMIX_GAMMA) & UINT64_MASK;
  let z = next;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & UINT64_MASK;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & UINT64_MASK;
  z ^= z >> 31n;
  return [z, next];
}

/**
 * A child seed for an independent stream: the top 53 bits of splitmix64's output from
 * state = seed + stream * 0x9E3779B97F4A7C15 (mod 2^64). Used e.g. for the QJL matrix of a quantizer
 * (stream 1) and the Monte Carlo samples of a distortion run (stream 2).
 */
export function deriveSeed(seed: number, stream: number): number {
  validateSeed(seed);
  validateSeed(stream, 'stream');
  const state = (BigInt(seed) + BigInt(stream) * SPLITMIX_GAMMA) & UINT64_MASK;
  const [output] = splitmix64(state);
  return Number(output >> 11n);
}

/** A source of uniform and Gaussian random numbers. */
export interface Rng {
  /** Uniform integer in [0, 2^32). */
  nextUint32(): number;
  /** Uniform float64 in [0, 1) with 53 random bits. */
  nextFloat64(): number;
  /** Standard normal float64 (Box-Muller). */
  nextGaussian(): number;
  /** Fills `out` with standard normal values, in index order. */
  fillGaussian(out: Float64Array | Float32Array): void;
}

/** xoshiro128** generator, seeded through splitmix64 (see the file header for the exact algorithm). */
export class Xoshiro128StarStar implements Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spareGaussian = 0;
  private hasSpareGaussian = false;

  constructor(seed: number) {
    validateSeed(seed);
    const [a, state] = splitmix64(BigInt(seed));
    const [b] = splitmix64(state);
    this.s0 = Number(a & 0xffffffffn);
    this.s1 = Number(a >> 32n);
    this.s2 = Number(b & 0xffffffffn);
    this.s3 = Number(b >> 32n);
    // The all-zero state is a fixed point; splitmix64 never yields two zero outputs in a row, but be explicit.
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** A generator with an explicit xoshiro128** state (for cross-checks with reference implementations). */
  static fromState(s0: number, s1: number, s2: number, s3: number): Xoshiro128StarStar {
    const rng = new Xoshiro128StarStar(0);
    rng.s0 = s0 >>> 0;
    rng.s1 = s1 >>> 0;
    rng.s2 = s2 >>> 0;
    rng.s3 = s3 >>> 0;
    if ((rng.s0 | rng.s1 | rng.s2 | rng.s3) === 0) throw new RangeError('xoshiro128** state must not be all zero');
    return rng;
  }

  nextUint32(): number {
    const s1 = this.s1;
    const times5 = Math.imul(s1, 5);
    const result = Math.imul((times5 << 7) | (times5 >>> 25), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= s1;
    this.s1 = s1 ^ this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = (this.s3 << 11) | (this.s3 >>> 21);
    return result;
  }

  nextFloat64(): number {
    const high = this.nextUint32() >>> 5;
    const low = this.nextUint32() >>> 6;
    return (high * 67108864 + low) / 9007199254740992;
  }

  nextGaussian(): number {
    if (this.hasSpareGaussian) {
      this.hasSpareGaussian = false;
      return this.spareGaussian;
    }
    const u1 = 1 - this.nextFloat64();
    const u2 = this.nextFloat64();
    const radius = Math.sqrt(-2 * Math.log(u1));
    const angle = 2 * Math.PI * u2;
    this.spareGaussian = radius * Math.sin(angle);
    this.hasSpareGaussian = true;
    return radius * Math.cos(angle);
  }

  fillGaussian(out: Float64Array | Float32Array): void {
    for (let i = 0; i < out.length; i++) out[i] = this.nextGaussian();
  }
}

/** A fresh xoshiro128** stream for `seed` (an integer in [0, 2^53)). */
export function createRng(seed: number): Xoshiro128StarStar {
  return new Xoshiro128StarStar(seed);
}

/**
 * `count` vectors of length `dim`, each uniform on the unit sphere (a Gaussian vector divided by its norm),
 * row-major float64, shape (count, dim).
 */
export function randomUnitVectors(rng: Rng, count: number, dim: number): Float64Array {
  const out = new Float64Array(count * dim);
  for (let row = 0; row < count; row++) {
    const offset = row * dim;
    let squaredNorm = 0;
    for (let j = 0; j < dim; j++) {
      const value = rng.nextGaussian();
      out[offset + j] = value;
      squaredNorm += value * value;
    }
    const inverseNorm = squaredNorm > 0 ? 1 / Math.sqrt(squaredNorm) : 0;
    for (let j = 0; j < dim; j++) out[offset + j]! *= inverseNorm;
  }
  return out;
}
