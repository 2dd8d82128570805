import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TEST_VECTORS_SEED,
  TEST_VECTORS_FORMAT,
  TEST_VECTORS_FORMAT_VERSION,
  buildTestVectors,
  serializeTestVectors,
  type TestVectorsFile,
} from './test-vectors.js';
import { compareTestVectors, defaultTestVectorsPath, loadTestVectors, parseTestVectors } from './testing.js';
import { unpackIndices, unpackSigns } from './packing.js';
import { searchBoundaries } from './codebook.js';

const committedPath = defaultTestVectorsPath();
const committedText = readFileSync(committedPath, 'utf8');
const committed = parseTestVectors(committedText);
const fresh = buildTestVectors({ packageVersion: committed.packageVersion });

function byId<T extends { id: string }>(items: T[], id: string | null): T {
  const found = items.find((item) => item.id === id);
  if (!found) throw new Error(`no entry with id ${String(id)}`);
  return found;
}

describe('test vectors', () => {
  it('the committed file matches a fresh computation (indices and words exactly, floats to 1e-6)', () => {
    expect(compareTestVectors(fresh, committed, { ignoreKeys: ['packageVersion'] })).toEqual([]);
  });

  it('the JSON is deterministic and byte-identical to a fresh export', () => {
    const again = buildTestVectors({ packageVersion: committed.packageVersion });
    expect(serializeTestVectors(again)).toBe(serializeTestVectors(fresh));
    expect(serializeTestVectors(fresh)).toBe(committedText);
  });

  it('header: format, version, generator, seed; file under 4 MB', () => {
    expect(committed.format).toBe(TEST_VECTORS_FORMAT);
    expect(committed.formatVersion).toBe(TEST_VECTORS_FORMAT_VERSION);
    expect(committed.generator).toMatch(/export-test-vectors/);
    expect(committed.seed).toBe(DEFAULT_TEST_VECTORS_SEED);
    expect(committed.packageVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect(statSync(committedPath).size).toBeLessThan(4e6);
    expect(loadTestVectors().cases.length).toBe(committed.cases.length);
  });

  it('covers d=64,128,256 x bits 1,2,3,4,8 x mse/prod (prod bits>=2) x haar/hadamard', () => {
    const names = new Set(committed.cases.map((testCase) => testCase.name));
    for (const dim of [64, 128, 256]) {
      for (const rotation of ['haar', 'hadamard']) {
        for (const bits of [1, 2, 3, 4, 8]) {
          expect(names.has(`mse rotation=${rotation} d=${dim} bits=${bits}`)).toBe(true);
          expect(names.has(`prod rotation=${rotation} d=${dim} bits=${bits}`)).toBe(bits >= 2);
        }
      }
    }
  });

  it('every case is self-consistent: packed words, sign words, indices from the rotated values', () => {
    const file: TestVectorsFile = committed;
    for (const testCase of file.cases) {
      const { dim, count, codebookBits } = testCase;
      expect(Array.from(unpackIndices(Uint32Array.from(testCase.packedIndices), count, dim, codebookBits))).toEqual(testCase.indices);
      if (testCase.mode === 'prod') {
        const signs = unpackSigns(Uint32Array.from(testCase.qjlSignWords!), count, dim);
        expect(signs.length).toBe(count * dim);
      }
      const codebook = byId(file.codebooks, testCase.codebook);
      const boundaries = Float64Array.from(codebook.boundaries);
      testCase.rotated.forEach((value, i) => {
        const index = searchBoundaries(boundaries, value);
        // `rotated` is written as float32; only a value within float32 rounding of a boundary may disagree.
        if (index !== testCase.indices[i]) {
          const nearest = Math.min(...codebook.boundaries.map((boundary) => Math.abs(boundary - value)));
          expect(nearest).toBeLessThan(1e-7);
        }
      });
      // The zero vector (last row) has norm 0 and dequantizes to zeros.
      expect(testCase.norms[count - 1]).toBe(0);
      expect(testCase.dequantized.slice((count - 1) * dim).every((value) => value === 0)).toBe(true);
    }
  });

  it('haar cases reproduce from the stored matrix alone (d=64 bits=3 mse)', () => {
    const testCase = committed.cases.find((item) => item.name === 'mse rotation=haar d=64 bits=3')!;
    const matrix = byId(committed.rotations, testCase.rotation).matrix!;
    const boundaries = Float64Array.from(byId(committed.codebooks, testCase.codebook).boundaries);
    const { dim } = testCase;
    for (let row = 0; row < testCase.count - 1; row++) {
      const x = testCase.inputs.slice(row * dim, row * dim + dim);
      const rowNorm = Math.sqrt(x.reduce((sum, value) => sum + value * value, 0));
      for (let i = 0; i < dim; i++) {
        let rotated = 0;
        for (let j = 0; j < dim; j++) rotated += matrix[i * dim + j]! * (x[j]! / rowNorm);
        expect(searchBoundaries(boundaries, rotated)).toBe(testCase.indices[row * dim + i]);
      }
    }
  });

  it('compareTestVectors reports a changed index and a drifted float', () => {
    const changed = structuredClone(committed);
    changed.cases[0]!.indices[3] = (changed.cases[0]!.indices[3]! + 1) % 2;
    changed.cases[1]!.dequantized[0] = changed.cases[1]!.dequantized[0]! * (1 + 1e-4);
    const differences = compareTestVectors(committed, changed);
    expect(differences).toHaveLength(2);
    expect(differences[0]).toMatch(/cases\[0\]\(mse rotation=haar d=64 bits=1\)\.indices\[3\]/);
    expect(differences[1]).toMatch(/dequantized\[0\]/);
  });
});
