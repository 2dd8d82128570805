import { describe, expect, it } from 'vitest';
import {
  createMixedPrecision,
  effectiveBits,
  mixedPrecisionProfile,
  selectTopkChannels,
  type MixedPrecisionProfileName,
} from './profile.js';
import { createRng } from './rng.js';
import { dot } from './linalg.js';

function gaussianBatch(count: number, dim: number, seed: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: count * dim }, () => rng.nextGaussian());
}

const firstChannels = (k: number): number[] => Array.from({ length: k }, (_, j) => j);

describe('profile', () => {
  it.each<[MixedPrecisionProfileName, number, number]>([
    ['2.5', 64, 2.25],
    ['2.5', 128, 2.25],
    ['2.5', 256, 2.25],
    ['3.5', 64, 3.25],
    ['3.5', 128, 3.25],
    ['3.5', 256, 3.25],
  ])('index bits profile=%s d=%i average %f', (name, dim, expected) => {
    const split = mixedPrecisionProfile(name, dim);
    expect(effectiveBits(split, dim)).toBe(expected);
    const quantizer = createMixedPrecision({ dim, ...split, outlierSelectionPolicy: 'fixed', channels: firstChannels(split.outlierChannels) });
    expect(quantizer.effectiveBits).toBe(expected);
  });

  it("the paper's split: 32 outliers at 3 bits + 96 at 2 bits for d=128", () => {
    expect(mixedPrecisionProfile('2.5', 128)).toEqual({ outlierChannels: 32, outlierHighBits: 3, regularBits: 2 });
    expect(mixedPrecisionProfile('3.5', 128)).toEqual({ outlierChannels: 32, outlierHighBits: 4, regularBits: 3 });
  });

  it.each<[MixedPrecisionProfileName, number]>([
    ['2.5', 2.5],
    ['3.5', 3.5],
  ])('profile=%s d=128 with mse instances and float16 norms costs exactly %f bits', (name, expected) => {
    const split = mixedPrecisionProfile(name, 128);
    const quantizer = createMixedPrecision({
      dim: 128, ...split, outlierSelectionPolicy: 'fixed', channels: firstChannels(32), outlierMode: 'mse', regularMode: 'mse',
    });
    expect(quantizer.effectiveBitsWithNorms(16)).toBe(expected);
    // float32 norms: 2 x 32 bits over 128 coordinates on top of the index bits.
    expect(quantizer.effectiveBitsWithNorms(32)).toBe(effectiveBits(split, 128) + 0.5);
  });

  it('effective bits with norms profile=2.5 d=128, default modes (regular 2-bit instance is prod: norm + gamma)', () => {
    const split = mixedPrecisionProfile('2.5', 128);
    const quantizer = createMixedPrecision({ dim: 128, ...split, outlierSelectionPolicy: 'fixed', channels: firstChannels(32) });
    // Outliers: 32 x 3-bit mse + one norm. Regular: 2-bit prod = 96 x 1-bit codebook + 96 QJL bits + norm + gamma.
    expect(quantizer.outlier.mode).toBe('mse');
    expect(quantizer.regular.mode).toBe('prod');
    expect(quantizer.effectiveBitsWithNorms(32)).toBe((32 * 3 + 32 + 96 + 96 + 64) / 128);
    expect(quantizer.effectiveBitsWithNorms(16)).toBe((32 * 3 + 16 + 96 + 96 + 32) / 128);
  });

  it('fixed policy: outlier channels as given, regular = the complement, independent seeds', () => {
    const quantizer = createMixedPrecision({
      dim: 16,
      outlierChannels: 4,
      outlierHighBits: 4,
      regularBits: 2,
      outlierSelectionPolicy: 'fixed',
      channels: [9, 1, 14, 3],
      seed: 5,
    });
    expect(Array.from(quantizer.outlierChannelIndices)).toEqual([1, 3, 9, 14]);
    expect(Array.from(quantizer.regularChannelIndices)).toEqual([0, 2, 4, 5, 6, 7, 8, 10, 11, 12, 13, 15]);
    expect(quantizer.outlier.dim).toBe(4);
    expect(quantizer.regular.dim).toBe(12);
    expect(quantizer.outlier.seed).not.toBe(quantizer.regular.seed);
  });

  it.each(['mean-abs', 'rms'] as const)('topk-calibration picks the channels with the largest statistic=%s', (statistic) => {
    const dim = 32;
    const count = 200;
    const data = gaussianBatch(count, dim, 3);
    const outliers = [2, 7, 19, 30];
    for (let row = 0; row < count; row++) for (const channel of outliers) data[row * dim + channel]! *= 10;
    expect(Array.from(selectTopkChannels(data, count, dim, 4, statistic))).toEqual(outliers);
    const quantizer = createMixedPrecision({
      dim,
      outlierChannels: 4,
      outlierHighBits: 4,
      regularBits: 3,
      outlierSelectionPolicy: 'topk-calibration',
      calibration: { data, count, statistic },
    });
    expect(Array.from(quantizer.outlierChannelIndices)).toEqual(outliers);
  });

  it('mean-abs and rms rank differently when a channel is spiky', () => {
    // Channel 0: constant 1 (mean |x| 1, RMS 1). Channel 1: one spike of 5 in 10 rows (mean |x| 0.5, RMS 1.58).
    const data = new Float32Array(10 * 3);
    for (let row = 0; row < 10; row++) data[row * 3] = 1;
    data[1] = 5;
    expect(Array.from(selectTopkChannels(data, 10, 3, 1, 'mean-abs'))).toEqual([0]);
    expect(Array.from(selectTopkChannels(data, 10, 3, 1, 'rms'))).toEqual([1]);
  });

  it.each<MixedPrecisionProfileName>(['2.5', '3.5'])('quantize/dequantize/estimate profile=%s d=64', (name) => {
    const dim = 64;
    const count = 8;
    const split = mixedPrecisionProfile(name, dim);
    const quantizer = createMixedPrecision({ dim, ...split, outlierSelectionPolicy: 'fixed', channels: firstChannels(split.outlierChannels), seed: 2 });
    const x = gaussianBatch(count, dim, 4);
    const q = gaussianBatch(1, dim, 5);
    const batch = quantizer.quantizeBatch(x, count);
    const reconstructed = quantizer.dequantizeBatch(batch);
    const estimates = quantizer.estimateInnerProductsBatch(q, batch);
    let error = 0;
    let energy = 0;
    for (let i = 0; i < x.length; i++) {
      error += (x[i]! - reconstructed[i]!) ** 2;
      energy += x[i]! ** 2;
    }
    // Roughly D_mse(regular bits): 0.12 at 2 bits, 0.03 at 3 bits (prod halves are noisier).
    expect(error / energy).toBeLessThan(name === '2.5' ? 0.5 : 0.1);
    for (let row = 0; row < count; row++) {
      const direct = dot(q, 0, reconstructed, row * dim, dim);
      expect(Math.abs(estimates[row]! - direct)).toBeLessThan(1e-4 * (1 + Math.abs(direct)));
    }
    const single = quantizer.quantize(x.subarray(0, dim));
    expect(quantizer.estimateInnerProduct(q, single)).toBeCloseTo(estimates[0]!, 10);
  });

  it('errors name the parameter', () => {
    const base = { dim: 16, outlierChannels: 4, outlierHighBits: 3, regularBits: 2 } as const;
    expect(() => createMixedPrecision({ ...base, outlierSelectionPolicy: 'fixed' })).toThrow(/channels is required/);
    expect(() => createMixedPrecision({ ...base, outlierSelectionPolicy: 'fixed', channels: [1, 2] })).toThrow(/channels must list outlierChannels = 4/);
    expect(() => createMixedPrecision({ ...base, outlierSelectionPolicy: 'fixed', channels: [1, 1, 2, 3] })).toThrow(/channels must be distinct/);
    expect(() => createMixedPrecision({ ...base, outlierSelectionPolicy: 'topk-calibration' })).toThrow(/calibration is required/);
    expect(() => createMixedPrecision({ ...base, outlierChannels: 16, outlierSelectionPolicy: 'fixed', channels: [] })).toThrow(/outlierChannels must be an integer in \[1, dim - 1\]/);
    expect(() => createMixedPrecision({ ...base, outlierChannels: 2, outlierSelectionPolicy: 'fixed', channels: [0, 1] })).toThrow(/outlierChannels must leave both instances at least 3 channels/);
    expect(() => createMixedPrecision({ ...base, outlierHighBits: 9, outlierSelectionPolicy: 'fixed', channels: [0, 1, 2, 3] })).toThrow(/outlierHighBits must be an integer in 1\.\.8/);
    expect(() => createMixedPrecision({ ...base, regularBits: 0, outlierSelectionPolicy: 'fixed', channels: [0, 1, 2, 3] })).toThrow(/regularBits must be an integer in 1\.\.8/);
    expect(() => mixedPrecisionProfile('2.5', 62)).toThrow(/needs dim divisible by 4 \(got dim=62\)/);
    expect(() => mixedPrecisionProfile('4.5' as MixedPrecisionProfileName, 64)).toThrow(/profile must be/);
  });
});
