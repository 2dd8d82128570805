import { describe, expect, it } from 'vitest';
import {
  SAMPLE_SEED_STREAM,
  expectedMseDistortion,
  expectedProdDistortion,
  innerProductErrorStats,
  meanSquaredError,
  mseDistortionBounds,
  paperMseDistortion,
  paperProdDistortion,
  prodDistortionBounds,
  simulateDistortion,
} from './metrics.js';
import { createRng, deriveSeed, randomUnitVectors } from './rng.js';
import { TurboQuant } from './turboquant.js';
import { dot } from './linalg.js';

describe('metrics', () => {
  it('mse bounds: 4^-b and sqrt(3) pi/2 4^-b; the paper values lie between them bits=1..4', () => {
    for (let bits = 1; bits <= 4; bits++) {
      const { lower, upper } = mseDistortionBounds(bits);
      expect(lower).toBe(4 ** -bits);
      expect(upper).toBeCloseTo(((Math.sqrt(3) * Math.PI) / 2) * 4 ** -bits, 15);
      const paper = paperMseDistortion(bits)!;
      expect(paper).toBeGreaterThan(lower);
      expect(paper).toBeLessThan(upper);
    }
    expect(paperMseDistortion(5)).toBeNull();
  });

  it('prod bounds: 4^-b/d and sqrt(3) pi^2/d 4^-b; the paper values lie between them (d=128, bits=1..4)', () => {
    for (let bits = 1; bits <= 4; bits++) {
      const { lower, upper } = prodDistortionBounds(bits, 128);
      expect(lower).toBe(4 ** -bits / 128);
      expect(upper).toBeCloseTo(((Math.sqrt(3) * Math.PI ** 2) / 128) * 4 ** -bits, 15);
      const paper = paperProdDistortion(bits, 128)!;
      expect(paper).toBeGreaterThan(lower);
      expect(paper).toBeLessThan(upper);
      expect(expectedProdDistortion(128, bits)).toBeLessThan(upper);
    }
    // With an extra factor 1/2 the bound would be broken by the paper's own b = 2 figure (0.56/d).
    expect(paperProdDistortion(2, 128)!).toBeGreaterThan(prodDistortionBounds(2, 128).upper / 2);
  });

  it('expected prod distortion is (pi/2 - 1/d)/d * D_mse(b-1): 0.564, 0.181, 0.053 (x d) at d=128', () => {
    expect(expectedProdDistortion(128, 2) * 128).toBeCloseTo(0.5641, 3);
    expect(expectedProdDistortion(128, 3) * 128).toBeCloseTo(0.1813, 3);
    expect(expectedProdDistortion(128, 4) * 128).toBeCloseTo(0.0531, 3);
    expect(expectedProdDistortion(128, 1) * 128).toBeCloseTo(Math.PI / 2 - 1 / 128, 12);
  });

  it('innerProductErrorStats and meanSquaredError on a small example', () => {
    const stats = innerProductErrorStats([1.5, 2, 2.5], [1, 2, 3]);
    expect(stats.bias).toBeCloseTo(0, 15);
    expect(stats.distortion).toBeCloseTo(0.5 / 3, 15);
    expect(stats.slope).toBeCloseTo((1.5 + 4 + 7.5) / 14, 15);
    expect(meanSquaredError([1, 2, 3, 4], [1, 2, 3, 2], 2, 2)).toBe(2);
  });

  it.each(['mse', 'prod'] as const)('simulateDistortion agrees with the TurboQuant pipeline on the same samples mode=%s', (mode) => {
    const dim = 32;
    const samples = 200;
    const seed = 9;
    const bits = [2, 3];
    const report = simulateDistortion({ dim, bits, mode, samples, seed });
    const rng = createRng(deriveSeed(seed, SAMPLE_SEED_STREAM));
    const x = randomUnitVectors(rng, samples, dim);
    const y = randomUnitVectors(rng, samples, dim);
    bits.forEach((bitsTotal, index) => {
      const quantizer = new TurboQuant({ dim, bitsTotal, mode, seed });
      const batch = quantizer.quantizeBatch(x, samples);
      const estimates = quantizer.estimatePairedInnerProducts(y, batch);
      const truths = Float64Array.from({ length: samples }, (_, row) => dot(x, row * dim, y, row * dim, dim));
      const stats = innerProductErrorStats(estimates, truths);
      const row = report.rows[index]!;
      expect(row.bits).toBe(bitsTotal);
      expect(Math.abs(row.innerProductDistortion / stats.distortion - 1)).toBeLessThan(1e-6);
      expect(Math.abs(row.bias - stats.bias)).toBeLessThan(1e-9);
      if (mode === 'mse') {
        const reconstructed = quantizer.dequantizeBatch(batch);
        expect(Math.abs(row.distortion / meanSquaredError(x, reconstructed, samples, dim) - 1)).toBeLessThan(1e-5);
      }
    });
  });

  it('simulateDistortion mse d=128 matches the exact Lloyd-Max values within 4% (3000 samples, bits=1..4)', () => {
    const report = simulateDistortion({ dim: 128, bits: [1, 2, 3, 4], mode: 'mse', samples: 3000, seed: 1 });
    expect(report).toMatchObject({ dim: 128, mode: 'mse', rotation: 'haar', samples: 3000, seed: 1 });
    for (const row of report.rows) {
      expect(Math.abs(row.distortion / expectedMseDistortion(128, row.bits) - 1)).toBeLessThan(0.04);
      expect(row.paper).toBe(paperMseDistortion(row.bits));
      expect(row.lowerBound).toBeLessThan(row.distortion);
      expect(row.upperBound).toBeGreaterThan(row.distortion);
    }
    // The 2/pi shrinkage at one bit (exactly 1 - D_mse(1) = 0.639 at d = 128).
    expect(Math.abs(report.rows[0]!.ipBiasRatio - (1 - expectedMseDistortion(128, 1)))).toBeLessThan(0.015);
  });

  it('simulateDistortion errors name the parameter', () => {
    expect(() => simulateDistortion({ dim: 64, bits: [1], mode: 'prod', samples: 10, seed: 1 })).toThrow(/bitsTotal must be >= 2/);
    expect(() => simulateDistortion({ dim: 64, bits: [2], mode: 'mse', samples: 1, seed: 1 })).toThrow(/samples must be an integer >= 2/);
    expect(() => simulateDistortion({ dim: 64, bits: [], mode: 'mse', samples: 10, seed: 1 })).toThrow(/bits must list/);
  });
});
