import { describe, expect, it } from 'vitest';
import { createRng, randomUnitVectors } from './rng.js';
import { TurboQuant, createTurboQuant, defaultMode, type TurboQuantMode } from './turboquant.js';
import { unpackIndices, unpackSigns } from './packing.js';
import { expectedMseDistortion, expectedProdDistortion, simulateDistortion } from './metrics.js';
import { relErr } from './testing.js';
import { dot } from './linalg.js';
import type { RotationKind } from './rotation.js';

function gaussianBatch(count: number, dim: number, seed: number, scale = 1): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: count * dim }, () => scale * rng.nextGaussian());
}

const configurations: Array<[TurboQuantMode, number, RotationKind]> = [
  ['mse', 1, 'haar'],
  ['mse', 3, 'hadamard'],
  ['mse', 8, 'haar'],
  ['prod', 2, 'haar'],
  ['prod', 4, 'hadamard'],
];

describe('turboquant', () => {
  it('defaultMode: 1 -> mse, 2 -> prod, 3..8 -> mse', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map(defaultMode)).toEqual(['mse', 'prod', 'mse', 'mse', 'mse', 'mse', 'mse', 'mse']);
    expect(new TurboQuant({ dim: 16, bitsTotal: 2 }).mode).toBe('prod');
    expect(new TurboQuant({ dim: 16, bitsTotal: 2 }).codebookBits).toBe(1);
  });

  it('prod with bitsTotal=1 throws naming bitsTotal', () => {
    expect(() => createTurboQuant({ dim: 16, bitsTotal: 1, mode: 'prod' })).toThrow(/bitsTotal must be >= 2 for mode 'prod' \(got bitsTotal=1\)/);
  });

  it.each([0, 9, 1.5])('bitsTotal=%s out of range throws naming bitsTotal', (bitsTotal) => {
    expect(() => createTurboQuant({ dim: 16, bitsTotal })).toThrow(/bitsTotal must be an integer in 1\.\.8/);
  });

  it('other option errors name the parameter', () => {
    expect(() => createTurboQuant({ dim: 2, bitsTotal: 2 })).toThrow(/dim must be an integer >= 3/);
    expect(() => createTurboQuant({ dim: 96, bitsTotal: 2, rotation: 'hadamard' })).toThrow(/power of two \(got dim=96\)/);
    expect(() => createTurboQuant({ dim: 16, bitsTotal: 2, mode: 'fast' as TurboQuantMode })).toThrow(/mode must be 'mse' or 'prod'/);
    expect(() => createTurboQuant({ dim: 16, bitsTotal: 2, qjlSeed: -1 })).toThrow(/qjlSeed must be an integer/);
    const quantizer = createTurboQuant({ dim: 16, bitsTotal: 3 });
    expect(() => quantizer.quantize(new Float32Array(15))).toThrow(/x must have length 16/);
    expect(() => quantizer.quantize(Float32Array.from({ length: 16 }, (_, i) => (i === 3 ? Number.NaN : 1)))).toThrow(/non-finite/);
  });

  it.each(configurations)('dequantize = n Pi^T c[idx] (+ QJL term) mode=%s bits=%i rotation=%s d=64', (mode, bitsTotal, rotation) => {
    const dim = 64;
    const quantizer = createTurboQuant({ dim, bitsTotal, mode, rotation, seed: 3 });
    const x = gaussianBatch(1, dim, 5, 2.5);
    const quantized = quantizer.quantize(x);
    const pi = quantizer.rotation.matrix();
    const expected = new Float64Array(dim);
    for (let i = 0; i < dim; i++) {
      let sum = 0;
      for (let j = 0; j < dim; j++) sum += pi[j * dim + i]! * quantizer.codebook.centroids[quantized.indices[j]!]!;
      expected[i] = quantized.norm * sum;
    }
    if (mode === 'prod') {
      const s = quantizer.qjl!.matrix();
      const scale = (Math.sqrt(Math.PI / 2) / dim) * quantized.residualNorm!;
      for (let i = 0; i < dim; i++) {
        let sum = 0;
        for (let j = 0; j < dim; j++) sum += s[j * dim + i]! * quantized.qjlSigns![j]!;
        expected[i]! += scale * sum;
      }
    }
    expect(relErr(quantizer.dequantize(quantized), expected)).toBeLessThan(1e-6);
  });

  it.each(configurations)('estimate = <q, dequantize(x)> and batch = single mode=%s bits=%i rotation=%s d=64', (mode, bitsTotal, rotation) => {
    const dim = 64;
    const count = 6;
    const quantizer = createTurboQuant({ dim, bitsTotal, mode, rotation, seed: 8 });
    const x = gaussianBatch(count, dim, 9);
    const q = gaussianBatch(1, dim, 10);
    const batch = quantizer.quantizeBatch(x, count);
    const dequantized = quantizer.dequantizeBatch(batch);
    const estimates = quantizer.estimateInnerProductsBatch(q, batch);
    for (let row = 0; row < count; row++) {
      const single = quantizer.quantize(x.subarray(row * dim, row * dim + dim));
      expect(Array.from(single.indices)).toEqual(Array.from(batch.indices.subarray(row * dim, row * dim + dim)));
      expect(single.norm).toBe(batch.norms[row]);
      const direct = dot(q, 0, dequantized, row * dim, dim);
      expect(Math.abs(estimates[row]! - direct)).toBeLessThan(1e-5 * (1 + Math.abs(direct)));
      expect(quantizer.estimateInnerProduct(q, single)).toBeCloseTo(estimates[row]!, 10);
    }
  });

  it.each(configurations)('packed words and signs unpack to the stored arrays mode=%s bits=%i rotation=%s', (mode, bitsTotal, rotation) => {
    const dim = 64;
    const count = 3;
    const quantizer = createTurboQuant({ dim, bitsTotal, mode, rotation, seed: 1 });
    const batch = quantizer.quantizeBatch(gaussianBatch(count, dim, 2), count);
    expect(Array.from(unpackIndices(batch.packedIndices, count, dim, quantizer.codebookBits))).toEqual(Array.from(batch.indices));
    if (mode === 'prod') expect(Array.from(unpackSigns(batch.qjlSignWords!, count, dim))).toEqual(Array.from(batch.qjlSigns!));
    else expect(batch.qjlSigns).toBeNull();
  });

  it.each(['mse', 'prod'] as const)('zero vector: norm 0, exact zero reconstruction, no NaN mode=%s', (mode) => {
    const quantizer = createTurboQuant({ dim: 32, bitsTotal: 3, mode, seed: 2 });
    const quantized = quantizer.quantize(new Float32Array(32));
    expect(quantized.norm).toBe(0);
    expect(Array.from(quantizer.dequantize(quantized)).every((value) => value === 0)).toBe(true);
    expect(Math.abs(quantizer.estimateInnerProduct(gaussianBatch(1, 32, 3), quantized))).toBe(0);
    if (mode === 'prod') {
      expect(quantized.residualNorm).toBe(0);
      expect(Array.from(quantized.qjlSigns!).every((sign) => sign === 1)).toBe(true);
    }
  });

  it('norms are kept separately: quantize(7 x) has the indices of quantize(x) and 7x the reconstruction', () => {
    const quantizer = createTurboQuant({ dim: 32, bitsTotal: 4, seed: 4 });
    const x = gaussianBatch(1, 32, 6);
    const scaled = x.map((value) => 7 * value);
    const a = quantizer.quantize(x);
    const b = quantizer.quantize(scaled);
    expect(Array.from(b.indices)).toEqual(Array.from(a.indices));
    expect(b.norm / a.norm).toBeCloseTo(7, 5);
    expect(relErr(quantizer.dequantize(b), quantizer.dequantize(a).map((value) => 7 * value))).toBeLessThan(1e-6);
  });

  it.each([
    [1, 'haar'],
    [2, 'haar'],
    [3, 'hadamard'],
    [4, 'hadamard'],
  ] as const)('mse distortion over random unit vectors matches the Lloyd-Max value bits=%i rotation=%s d=128', (bitsTotal, rotation) => {
    const dim = 128;
    const count = 1500;
    const quantizer = createTurboQuant({ dim, bitsTotal, mode: 'mse', rotation, seed: 12 });
    const x = Float32Array.from(randomUnitVectors(createRng(13), count, dim));
    const reconstructed = quantizer.dequantizeBatch(quantizer.quantizeBatch(x, count));
    let sum = 0;
    for (let i = 0; i < x.length; i++) sum += (x[i]! - reconstructed[i]!) ** 2;
    expect(Math.abs(sum / count / expectedMseDistortion(dim, bitsTotal) - 1)).toBeLessThan(0.03);
  });

  it('mse shrinks inner products by 2/pi at bits=1: E<y, x~> / <y, x> over rotations (d=64, 800 seeds)', () => {
    const dim = 64;
    const rng = createRng(21);
    const x = Float64Array.from({ length: dim }, () => rng.nextGaussian());
    const noise = Float64Array.from({ length: dim }, () => rng.nextGaussian());
    const y = x.map((value, j) => value + noise[j]!);
    const truth = dot(x, 0, y, 0, dim);
    const seeds = 800;
    const ratios: number[] = [];
    for (let seed = 0; seed < seeds; seed++) {
      const quantizer = new TurboQuant({ dim, bitsTotal: 1, mode: 'mse', seed: 5000 + seed });
      ratios.push(quantizer.estimateInnerProduct(y, quantizer.quantize(x)) / truth);
    }
    const mean = ratios.reduce((a, b) => a + b, 0) / seeds;
    const standardError = Math.sqrt(ratios.reduce((a, b) => a + (b - mean) ** 2, 0) / (seeds - 1) / seeds);
    // Exactly 1 - D_mse(1) = 0.6359 at d = 64 (2/pi = 0.6366 in the limit).
    expect(Math.abs(mean - (1 - expectedMseDistortion(dim, 1)))).toBeLessThan(4 * standardError);
    expect(Math.abs(mean - 2 / Math.PI)).toBeLessThan(4 * standardError + 0.002);
    expect(standardError).toBeLessThan(0.01);
  });

  it.each([2, 3])('prod is unbiased: mean estimate over QJL seeds = <y, x> bits=%i d=64', (bitsTotal) => {
    const dim = 64;
    const rng = createRng(31);
    const x = Float64Array.from({ length: dim }, () => rng.nextGaussian());
    const y = Float64Array.from({ length: dim }, (_, j) => x[j]! + rng.nextGaussian());
    const truth = dot(x, 0, y, 0, dim);
    const trials = 1500;
    let sum = 0;
    let sumSquares = 0;
    for (let trial = 0; trial < trials; trial++) {
      const quantizer = new TurboQuant({ dim, bitsTotal, mode: 'prod', seed: 7, qjlSeed: 100 + trial });
      const estimate = quantizer.estimateInnerProduct(y, quantizer.quantize(x));
      sum += estimate;
      sumSquares += estimate * estimate;
    }
    const mean = sum / trials;
    const standardError = Math.sqrt((sumSquares / trials - mean * mean) / trials);
    expect(Math.abs(mean - truth)).toBeLessThan(4 * standardError);
    // The estimator is not degenerate: the QJL term does vary with S.
    expect(standardError).toBeGreaterThan(0);
  });

  it('prod distortion matches (pi/2 - 1/d)/d * D_mse(b-1) (d=64, 4000 samples, bits=2,3)', () => {
    const report = simulateDistortion({ dim: 64, bits: [2, 3], mode: 'prod', samples: 4000, seed: 3 });
    for (const row of report.rows) {
      expect(row.expected).toBeCloseTo(expectedProdDistortion(64, row.bits), 15);
      expect(Math.abs(row.distortion - row.expected)).toBeLessThan(4 * row.stderr);
    }
  });

  it('storageBits counts indices, QJL signs and norms', () => {
    expect(createTurboQuant({ dim: 128, bitsTotal: 4 }).storageBits(16)).toEqual({
      indexBits: 512,
      qjlBits: 0,
      normBits: 16,
      totalBitsPerVector: 528,
      bitsPerCoordinate: 4.125,
    });
    expect(createTurboQuant({ dim: 128, bitsTotal: 2 }).storageBits(32).bitsPerCoordinate).toBe((128 + 128 + 64) / 128);
  });

  it('gaussian codebook density is selectable and allows d < 3', () => {
    const quantizer = createTurboQuant({ dim: 2, bitsTotal: 2, mode: 'mse', codebookDensity: 'gaussian' });
    expect(quantizer.codebook.density).toBe('gaussian');
    expect(quantizer.dequantize(quantizer.quantize([3, -4])).length).toBe(2);
  });
});
