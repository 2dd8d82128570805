import { describe, expect, it } from 'vitest';
import { createRng } from './rng.js';
import { createRotation, haarOrthogonalMatrix, type RotationKind } from './rotation.js';
import { maxAbsDiff } from './testing.js';

/** max |(M M^T)_ij - I_ij| for a (d, d) row-major matrix. */
function orthogonalityError(matrix: Float32Array, dim: number): number {
  let worst = 0;
  for (let i = 0; i < dim; i++) {
    for (let k = 0; k < dim; k++) {
      let sum = 0;
      for (let j = 0; j < dim; j++) sum += matrix[i * dim + j]! * matrix[k * dim + j]!;
      worst = Math.max(worst, Math.abs(sum - (i === k ? 1 : 0)));
    }
  }
  return worst;
}

function gaussianVector(dim: number, seed: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: dim }, () => rng.nextGaussian());
}

/** M x with float64 accumulation, M (d, d) row-major. */
function multiply(matrix: Float32Array, x: ArrayLike<number>, dim: number, transpose = false): Float64Array {
  const out = new Float64Array(dim);
  for (let i = 0; i < dim; i++) {
    let sum = 0;
    for (let j = 0; j < dim; j++) sum += (transpose ? matrix[j * dim + i]! : matrix[i * dim + j]!) * x[j]!;
    out[i] = sum;
  }
  return out;
}

const cases: Array<[RotationKind, number]> = [
  ['haar', 2],
  ['haar', 31],
  ['haar', 64],
  ['haar', 128],
  ['hadamard', 1],
  ['hadamard', 64],
  ['hadamard', 128],
];

describe('rotation', () => {
  it.each(cases)('orthogonality Pi Pi^T = I kind=%s d=%i', (kind, dim) => {
    const rotation = createRotation({ kind, dim, seed: 1 });
    expect(orthogonalityError(rotation.matrix(), dim)).toBeLessThan(1e-5);
  });

  it.each(cases)('apply / applyTranspose match matrix() kind=%s d=%i', (kind, dim) => {
    const rotation = createRotation({ kind, dim, seed: 2 });
    const matrix = rotation.matrix();
    const x = gaussianVector(dim, 3);
    expect(maxAbsDiff(rotation.apply(x), multiply(matrix, x, dim))).toBeLessThan(1e-5);
    expect(maxAbsDiff(rotation.applyTranspose(x), multiply(matrix, x, dim, true))).toBeLessThan(1e-5);
    expect(maxAbsDiff(rotation.applyTranspose(rotation.apply(x)), x)).toBeLessThan(1e-5);
  });

  it.each(cases)('batch equals row by row kind=%s d=%i', (kind, dim) => {
    const rotation = createRotation({ kind, dim, seed: 4 });
    const count = 5;
    const batch = new Float32Array(count * dim);
    for (let row = 0; row < count; row++) batch.set(gaussianVector(dim, 10 + row), row * dim);
    const rotated = rotation.applyBatch(batch, count);
    const back = rotation.applyTransposeBatch(batch, count);
    for (let row = 0; row < count; row++) {
      const x = batch.subarray(row * dim, row * dim + dim);
      expect(Array.from(rotated.subarray(row * dim, row * dim + dim))).toEqual(Array.from(rotation.apply(x)));
      expect(Array.from(back.subarray(row * dim, row * dim + dim))).toEqual(Array.from(rotation.applyTranspose(x)));
    }
  });

  it('same seed gives the same matrix, another seed another one (haar d=16, hadamard d=16)', () => {
    for (const kind of ['haar', 'hadamard'] as const) {
      const a = createRotation({ kind, dim: 16, seed: 9 }).matrix();
      const b = createRotation({ kind, dim: 16, seed: 9 }).matrix();
      const c = createRotation({ kind, dim: 16, seed: 10 }).matrix();
      expect(Array.from(a)).toEqual(Array.from(b));
      expect(maxAbsDiff(a, c)).toBeGreaterThan(0.01);
    }
  });

  it('haar entries are exactly float32 (matrix() is the rotation)', () => {
    const entries = haarOrthogonalMatrix(24, 5);
    for (const value of entries) expect(Math.fround(value)).toBe(value);
  });

  it('haar sign fix: entries have mean 0 and variance 1/d over seeds (d=8, 600 seeds)', () => {
    // Householder QR without the sign fix makes Pi[0][0] = -|g_00| / ||g_0|| <= 0 always.
    const dim = 8;
    const seeds = 600;
    let sum = 0;
    let sumSquares = 0;
    for (let seed = 0; seed < seeds; seed++) {
      const value = haarOrthogonalMatrix(dim, 1000 + seed)[0]!;
      sum += value;
      sumSquares += value * value;
    }
    const standardError = Math.sqrt(1 / dim / seeds);
    expect(Math.abs(sum / seeds)).toBeLessThan(4 * standardError);
    expect(Math.abs(sumSquares / seeds - 1 / dim)).toBeLessThan(0.03);
  });

  it('hadamard signs are +-1 with Pi = H D / sqrt(d) (d=4 written out)', () => {
    const rotation = createRotation({ kind: 'hadamard', dim: 4, seed: 6 });
    const signs = rotation.signs!;
    const hadamard = [
      [1, 1, 1, 1],
      [1, -1, 1, -1],
      [1, 1, -1, -1],
      [1, -1, -1, 1],
    ];
    const expected = hadamard.flatMap((row) => row.map((value, j) => (value * signs[j]!) / 2));
    expect(Array.from(rotation.matrix())).toEqual(expected);
  });

  it('hadamard with a non-power-of-two dim throws naming dim', () => {
    expect(() => createRotation({ kind: 'hadamard', dim: 96, seed: 0 })).toThrow(/hadamard rotation needs dim to be a power of two \(got dim=96\)/);
  });

  it('unknown kind and bad dim throw naming the parameter', () => {
    expect(() => createRotation({ kind: 'givens' as RotationKind, dim: 8, seed: 0 })).toThrow(/rotation must be 'haar' or 'hadamard'/);
    expect(() => createRotation({ kind: 'haar', dim: 0, seed: 0 })).toThrow(/dim must be a positive integer/);
    expect(() => createRotation({ kind: 'haar', dim: 8, seed: -2 })).toThrow(/seed must be an integer/);
  });

  it('apply checks the vector length', () => {
    const rotation = createRotation({ kind: 'haar', dim: 8, seed: 0 });
    expect(() => rotation.apply(new Float32Array(7))).toThrow(/x must have length 8/);
    expect(() => rotation.applyBatch(new Float32Array(17), 2)).toThrow(/x must hold count \* dim/);
  });
});
