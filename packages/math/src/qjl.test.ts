import { describe, expect, it } from 'vitest';
import { createQjl, qjlGaussianMatrix } from './qjl.js';
import { createRng } from './rng.js';
import { dot, norm } from './linalg.js';
import { unpackSigns } from './packing.js';

function gaussian(length: number, seed: number): Float64Array {
  const rng = createRng(seed);
  return Float64Array.from({ length }, () => rng.nextGaussian());
}

describe('qjl', () => {
  it.each([
    [32, 32],
    [32, 96],
  ])('unbiased with variance (pi/2 |x|^2 |q|^2 - <q,x>^2)/m d=%i m=%i', (dim, projections) => {
    const x = gaussian(dim, 1);
    const q = gaussian(dim, 2).map((value, j) => value + 0.5 * x[j]!);
    const truth = dot(q, 0, x, 0, dim);
    const trials = 3000;
    let sum = 0;
    let sumSquares = 0;
    for (let trial = 0; trial < trials; trial++) {
      const qjl = createQjl({ dim, projections, seed: 1000 + trial });
      const estimate = qjl.estimateInnerProduct(q, qjl.quantize(x));
      sum += estimate;
      sumSquares += estimate * estimate;
    }
    const mean = sum / trials;
    const variance = sumSquares / trials - mean * mean;
    expect(Math.abs(mean - truth)).toBeLessThan(4 * Math.sqrt(variance / trials));
    const expectedVariance = ((Math.PI / 2) * norm(x) ** 2 * norm(q) ** 2 - truth ** 2) / projections;
    expect(Math.abs(variance / expectedVariance - 1)).toBeLessThan(0.12);
  });

  it('estimate = <q, dequantize(sketch)> and batch = single (d=40 m=40)', () => {
    const qjl = createQjl({ dim: 40, seed: 5 });
    const x = gaussian(3 * 40, 6);
    const q = gaussian(40, 7);
    const batch = qjl.quantizeBatch(x, 3);
    const estimates = qjl.estimateInnerProductsBatch(q, batch);
    for (let row = 0; row < 3; row++) {
      const sketch = qjl.quantize(x.subarray(row * 40, row * 40 + 40));
      expect(Array.from(sketch.signs)).toEqual(Array.from(batch.signs.subarray(row * 40, row * 40 + 40)));
      expect(Array.from(unpackSigns(sketch.signWords, 1, 40))).toEqual(Array.from(sketch.signs));
      expect(qjl.estimateInnerProduct(q, sketch)).toBeCloseTo(estimates[row]!, 10);
      const reconstructed = qjl.dequantize(sketch);
      expect(Math.abs(dot(q, 0, reconstructed, 0, 40) - estimates[row]!)).toBeLessThan(1e-4);
    }
  });

  it('zero vector: signs all +1, norm 0, estimate 0', () => {
    const qjl = createQjl({ dim: 8, seed: 1 });
    const sketch = qjl.quantize(new Float32Array(8));
    expect(sketch.norm).toBe(0);
    expect(Array.from(sketch.signs)).toEqual(new Array(8).fill(1));
    expect(Math.abs(qjl.estimateInnerProduct(gaussian(8, 2), sketch))).toBe(0);
  });

  it('matrix is float32 Gaussian from the seed, row-major (projections, dim)', () => {
    const entries = qjlGaussianMatrix(3, 5, 9);
    const rng = createRng(9);
    for (const value of entries) expect(value).toBe(Math.fround(rng.nextGaussian()));
    expect(Array.from(createQjl({ dim: 5, projections: 3, seed: 9 }).matrix())).toEqual(Array.from(entries));
  });

  it('errors name the parameter', () => {
    expect(() => createQjl({ dim: 0, seed: 1 })).toThrow(/dim must be a positive integer/);
    expect(() => createQjl({ dim: 4, projections: 0, seed: 1 })).toThrow(/projections must be a positive integer/);
    expect(() => createQjl({ dim: 4, seed: 0.5 })).toThrow(/seed must be an integer/);
  });
});
