import { describe, expect, it } from 'vitest';
import {
  clearCodebookCache,
  conditionalMean,
  coordinateCdf,
  coordinateDensity,
  lloydMaxCodebook,
  quantizeScalar,
  type CodebookDensity,
} from './codebook.js';
import { logGamma } from './special.js';
import { createRng } from './rng.js';

const ALL_BITS = [1, 2, 3, 4, 5, 6, 7, 8];

describe('codebook', () => {
  it.each([3, 64, 128, 256])('symmetry and midpoint boundaries d=%i bits=1..8', (dim) => {
    for (const bits of ALL_BITS) {
      const { centroids, boundaries } = lloydMaxCodebook(dim, bits);
      const levels = 1 << bits;
      expect(centroids.length).toBe(levels);
      expect(boundaries.length).toBe(levels - 1);
      for (let i = 0; i < levels; i++) expect(centroids[i]).toBe(-centroids[levels - 1 - i]!);
      for (let i = 1; i < levels; i++) expect(centroids[i]!).toBeGreaterThan(centroids[i - 1]!);
      for (let i = 0; i < levels - 1; i++) {
        expect(Math.abs(boundaries[i]! - 0.5 * (centroids[i]! + centroids[i + 1]!))).toBeLessThanOrEqual(1e-17);
      }
      expect(boundaries[levels / 2 - 1]).toBe(0);
    }
  });

  it.each<[number, CodebookDensity]>([
    [3, 'beta'],
    [64, 'beta'],
    [128, 'beta'],
    [1024, 'beta'],
    [128, 'gaussian'],
  ])('convergence: each centroid is the conditional mean of its cell to 1e-9 d=%i density=%s', (dim, density) => {
    for (const bits of ALL_BITS) {
      const codebook = lloydMaxCodebook(dim, bits, { density });
      const edges = [-Infinity, ...codebook.boundaries, Infinity];
      const scale = 1 / Math.sqrt(dim);
      for (let i = 0; i < codebook.centroids.length; i++) {
        const mean = conditionalMean(dim, edges[i]!, edges[i + 1]!, density);
        expect(Math.abs(mean - codebook.centroids[i]!) / scale).toBeLessThan(1e-9);
      }
    }
  });

  it('bits=1 centroids are +-E|X| ~ +-sqrt(2/pi)/sqrt(d) d=128', () => {
    const dim = 128;
    const { centroids } = lloydMaxCodebook(dim, 1);
    // E|X| = Gamma(d/2) / (sqrt(pi) Gamma((d+1)/2)) exactly for the beta density.
    const exact = Math.exp(logGamma(dim / 2) - logGamma((dim + 1) / 2)) / Math.sqrt(Math.PI);
    expect(centroids[1]).toBeCloseTo(exact, 14);
    const limit = Math.sqrt(2 / Math.PI) / Math.sqrt(dim);
    expect(Math.abs(centroids[1]! / limit - 1)).toBeLessThan(0.01);
    expect(centroids[0]).toBe(-centroids[1]!);
  });

  it('gaussian density reproduces the classic Lloyd-Max N(0,1) tables (Max 1960) bits=1..3', () => {
    const table: Record<number, number[]> = {
      1: [0.7979],
      2: [0.4528, 1.5104],
      3: [0.2451, 0.756, 1.3439, 2.1519],
    };
    for (const [bits, positive] of Object.entries(table)) {
      const { centroids } = lloydMaxCodebook(1, Number(bits), { density: 'gaussian' });
      const half = centroids.length / 2;
      positive.forEach((value, k) => expect(centroids[half + k]).toBeCloseTo(value, 4));
    }
  });

  it('d=3 (uniform density) gives the uniform quantizer bits=1..8', () => {
    for (const bits of ALL_BITS) {
      const { centroids, distortion } = lloydMaxCodebook(3, bits);
      const levels = centroids.length;
      centroids.forEach((value, i) => expect(value).toBeCloseTo(-1 + (2 * i + 1) / levels, 12));
      // Per coordinate (2/levels)^2 / 12, times d = 3.
      expect(distortion).toBeCloseTo((3 * (2 / levels) ** 2) / 12, 12);
    }
  });

  it.each([
    [1, 0.3609],
    [2, 0.116],
    [3, 0.034],
    [4, 0.00931],
    [5, 0.00245],
  ])('exact Lloyd-Max distortion d=128 bits=%i is %f within 0.5%', (bits, expected) => {
    const { distortion } = lloydMaxCodebook(128, bits);
    expect(Math.abs(distortion / expected - 1)).toBeLessThan(0.005);
  });

  it.each([
    [1, 0.3634],
    [2, 0.1175],
    [3, 0.0345],
    [4, 0.0095],
  ])('gaussian-limit distortion bits=%i is %f within 0.5%', (bits, expected) => {
    expect(Math.abs(lloydMaxCodebook(128, bits, { density: 'gaussian' }).distortion / expected - 1)).toBeLessThan(0.005);
  });

  it.each([64, 128, 256])('paper bounds 4^-b <= D_mse <= sqrt(3) pi/2 4^-b d=%i bits=1..8', (dim) => {
    for (const bits of ALL_BITS) {
      const { distortion } = lloydMaxCodebook(dim, bits);
      expect(distortion).toBeGreaterThanOrEqual(4 ** -bits);
      expect(distortion).toBeLessThanOrEqual(((Math.sqrt(3) * Math.PI) / 2) * 4 ** -bits);
    }
  });

  it.each([3, 5, 64, 1000])('density integrates to its CDF (Simpson) d=%i', (dim) => {
    // Independent check of the incomplete beta function: Simpson's rule on f from -1 to x.
    for (const x of [-0.5, -0.1, 0, 0.05, 0.2]) {
      const lower = Math.max(-1, -40 / Math.sqrt(dim));
      const steps = 4000;
      const h = (x - lower) / steps;
      let sum = coordinateDensity(dim, lower) + coordinateDensity(dim, x);
      for (let i = 1; i < steps; i++) sum += (i % 2 ? 4 : 2) * coordinateDensity(dim, lower + i * h);
      const integral = (sum * h) / 3 + (lower > -1 ? coordinateCdf(dim, lower) : 0);
      expect(Math.abs(integral - coordinateCdf(dim, x))).toBeLessThan(1e-9);
    }
  });

  it('quantizeScalar: nearest centroid, boundaries go up, extremes clamp (d=64 bits=3)', () => {
    const codebook = lloydMaxCodebook(64, 3);
    const rng = createRng(1);
    for (let trial = 0; trial < 2000; trial++) {
      const value = rng.nextGaussian() * 0.2;
      const index = quantizeScalar(codebook, value);
      let nearest = 0;
      for (let i = 1; i < codebook.centroids.length; i++) {
        if (Math.abs(codebook.centroids[i]! - value) < Math.abs(codebook.centroids[nearest]! - value)) nearest = i;
      }
      expect(index).toBe(nearest);
    }
    codebook.boundaries.forEach((boundary, i) => expect(quantizeScalar(codebook, boundary)).toBe(i + 1));
    expect(quantizeScalar(codebook, 0)).toBe(4);
    expect(quantizeScalar(codebook, -5)).toBe(0);
    expect(quantizeScalar(codebook, 5)).toBe(7);
  });

  it('cache returns the same object; first builds are fast (d=256: bits<=4 < 200 ms, bits=8 < 3 s)', () => {
    clearCodebookCache();
    let started = performance.now();
    for (const bits of [1, 2, 3, 4]) lloydMaxCodebook(256, bits);
    expect(performance.now() - started).toBeLessThan(200);
    started = performance.now();
    const eightBit = lloydMaxCodebook(256, 8);
    expect(performance.now() - started).toBeLessThan(3000);
    started = performance.now();
    expect(lloydMaxCodebook(256, 8)).toBe(eightBit);
    expect(lloydMaxCodebook(256, 4)).toBe(lloydMaxCodebook(256, 4));
    expect(performance.now() - started).toBeLessThan(5);
    expect(lloydMaxCodebook(256, 4)).not.toBe(lloydMaxCodebook(256, 4, { density: 'gaussian' }));
  });

  it('float32 views match the float64 arrays', () => {
    const codebook = lloydMaxCodebook(128, 4);
    expect(Array.from(codebook.centroidsFloat32)).toEqual(Array.from(codebook.centroids, Math.fround));
    expect(Array.from(codebook.boundariesFloat32)).toEqual(Array.from(codebook.boundaries, Math.fround));
  });

  it.each([0, 9, 2.5])('bits=%s out of range throws naming bits', (bits) => {
    expect(() => lloydMaxCodebook(64, bits)).toThrow(/bits must be an integer in 1\.\.8/);
  });

  it.each([2, 1, 0])('beta density with d=%i < 3 throws naming dim', (dim) => {
    expect(() => lloydMaxCodebook(dim, 2)).toThrow(/dim must be an integer >= 3 for the beta coordinate density/);
  });

  it('gaussian density accepts d=1 and d=2', () => {
    expect(lloydMaxCodebook(2, 2, { density: 'gaussian' }).centroids[3]).toBeCloseTo(1.5104 / Math.SQRT2, 4);
  });
});
