// Golden test vectors for the native kernels (and any other implementation): builder, types and a deterministic
// JSON writer. fixtures/turboquant/test-vectors.v1.json is written by scripts/export-test-vectors.ts and checked
// against a fresh build by test-vectors.test.ts.
//
// Layout of the file: a header (format, version, generator command, package version, seed, conventions), then shared
// tables referenced by id from the cases: rotations (Haar matrices in full; Hadamard as its sign diagonal),
// QJL matrices (in full for dim <= 128, seed only above to keep the file small), codebooks, and the cases themselves.
// All arrays are flat and row-major; float32 quantities are written as the shortest decimal that rounds back to the
// same float32, float64 quantities as JavaScript's shortest round-trip decimal.

import { lloydMaxCodebook } from './codebook.js';
import { norm } from './linalg.js';
import { packedWordsPerRow } from './packing.js';
import { QJL_SEED_STREAM, TurboQuant, type TurboQuantMode } from './turboquant.js';
import { createRng, deriveSeed } from './rng.js';
import type { RotationKind } from './rotation.js';

export const TEST_VECTORS_FORMAT = 'turbomlx-turboquant-test-vectors';
export const TEST_VECTORS_FORMAT_VERSION = 1;
/** Path of the committed file, relative to the repository root. */
export const TEST_VECTORS_PATH = 'fixtures/turboquant/test-vectors.v1.json';
export const TEST_VECTORS_GENERATOR = 'cd packages/math && npm run export-test-vectors (= npx tsx scripts/export-test-vectors.ts)';
export const DEFAULT_TEST_VECTORS_SEED = 20250425;

/** Dimensions, bit widths and rotations the file covers. */
export const TEST_VECTOR_DIMS: readonly number[] = [64, 128, 256];
export const TEST_VECTOR_BITS: readonly number[] = [1, 2, 3, 4, 8];
export const TEST_VECTOR_ROTATIONS: readonly RotationKind[] = ['haar', 'hadamard'];
/** QJL matrices are stored in full up to this dimension (larger ones by seed only). */
export const TEST_VECTOR_MAX_STORED_QJL_DIM = 128;
/** Vectors per case: three random ones with different norms and a zero vector. */
export const TEST_VECTOR_COUNT = 4;
export const TEST_VECTOR_QUERY_COUNT = 2;
const INPUT_SCALES = [1, 0.25, 3.5, 0];

export interface TestVectorRotation {
  id: string;
  kind: RotationKind;
  dim: number;
  seed: number;
  /** hadamard: the diagonal D as +-1; haar: null. */
  signs: number[] | null;
  /** haar: Pi as (dim, dim) row-major float32; hadamard: null (Pi = H D / sqrt(dim)). */
  matrix: number[] | null;
}

export interface TestVectorQjlMatrix {
  id: string;
  dim: number;
  projections: number;
  seed: number;
  /** S as (projections, dim) row-major float32, or null when only the seed is stored. */
  matrix: number[] | null;
}

export interface TestVectorCodebook {
  id: string;
  dim: number;
  bits: number;
  density: 'beta';
  centroids: number[];
  boundaries: number[];
  /** Expected ||u - u~||^2 for a unit vector (dim * per-coordinate MSE). */
  distortion: number;
}

export interface TestVectorCase {
  name: string;
  dim: number;
  bitsTotal: number;
  mode: TurboQuantMode;
  codebookBits: number;
  /** Id into `rotations`. */
  rotation: string;
  /** Id into `codebooks`. */
  codebook: string;
  /** prod: id into `qjlMatrices`; mse: null. */
  qjl: string | null;
  seed: number;
  qjlSeed: number | null;
  count: number;
  /** (count, dim) float32 inputs. */
  inputs: number[];
  /** float32 norms ||x||. */
  norms: number[];
  /** (count, dim) rotated unit vectors Pi (x / ||x||), float32-rounded (to judge indices on a boundary). */
  rotated: number[];
  /** (count, dim) codebook indices. */
  indices: number[];
  wordsPerRow: number;
  /** (count, wordsPerRow) packed indices. */
  packedIndices: number[];
  /** prod: float32 gamma = ||x - x~_mse||; mse: null. */
  residualNorms: number[] | null;
  /** prod: ceil(dim / 32); mse: null. */
  qjlSignWordsPerRow: number | null;
  /** prod: (count, qjlSignWordsPerRow) packed signs of S r (bit 1 = +1); mse: null. */
  qjlSignWords: number[] | null;
  /** (count, dim) float32 dequantized vectors. */
  dequantized: number[];
  queryCount: number;
  /** (queryCount, dim) float32 queries. */
  queries: number[];
  /** (queryCount, count) inner-product estimates <q_i, x_j> (float64). */
  estimates: number[];
}

export interface TestVectorsFile {
  format: string;
  formatVersion: number;
  generator: string;
  packageVersion: string;
  seed: number;
  conventions: Record<string, string>;
  rotations: TestVectorRotation[];
  qjlMatrices: TestVectorQjlMatrix[];
  codebooks: TestVectorCodebook[];
  cases: TestVectorCase[];
}

/** The conventions written into the header, for readers of the file. */
export const TEST_VECTOR_CONVENTIONS: Record<string, string> = {
  rotation: 'y = Pi x with Pi row-major (dim, dim); haar: the float32 matrix given; hadamard: Pi = H D / sqrt(dim), H Sylvester Walsh-Hadamard, D = diag(signs)',
  quantize: 'n = ||x|| (stored as float32); u = x / n (0 for x = 0); idx_j = number of boundaries <= (Pi u)_j',
  dequantizeMse: 'x~ = n * Pi^T c[idx]',
  prod: 'codebook bits = bitsTotal - 1; r = x - x~_mse; gamma = ||r|| (float32); s = sign(S r), sign(0) = +1; x~ = x~_mse + sqrt(pi/2)/dim * gamma * S^T s',
  estimate: 'mse: n <Pi q, c[idx]>; prod: n <Pi q, c[idx]> + sqrt(pi/2)/dim * gamma * <S q, s>',
  packing: 'index i of a row occupies bits [i*b, i*b+b) of a little-endian bit stream of uint32 words (LSB first, spilling into the next word); each row starts at a fresh word; wordsPerRow = ceil(dim*b/32); unused high bits are 0',
  signs: 'QJL signs packed as b = 1 with bit 1 = +1',
  qjlMatrix: 'S[i*dim + j] = float32(k-th nextGaussian of createRng(seed)), k = i*dim + j; see packages/math/src/rng.ts',
  seeds: 'rotation seed = case seed; qjlSeed = deriveSeed(seed, 1)',
};

/** Shortest decimal that rounds back to the same float32 (deterministic: toPrecision is correctly rounded). */
export function shortestFloat32(value: number): number {
  const target = Math.fround(value);
  if (target === 0 || !Number.isFinite(target)) return target === 0 ? 0 : target;
  for (let precision = 1; precision <= 9; precision++) {
    const candidate = Number(target.toPrecision(precision));
    if (Math.fround(candidate) === target) return candidate;
  }
  return target;
}

function float32List(values: ArrayLike<number>): number[] {
  return Array.from(values, shortestFloat32);
}

function float64List(values: ArrayLike<number>): number[] {
  return Array.from(values, (value) => (value === 0 ? 0 : value));
}

/** Options of {@link buildTestVectors}. */
export interface BuildTestVectorsOptions {
  seed?: number;
  /** Written into the header; the export script passes the package.json version. */
  packageVersion?: string;
}

/** Builds the whole test-vector file in memory (deterministic for a given seed). */
export function buildTestVectors(options: BuildTestVectorsOptions = {}): TestVectorsFile {
  const seed = options.seed ?? DEFAULT_TEST_VECTORS_SEED;
  const qjlSeed = deriveSeed(seed, QJL_SEED_STREAM);
  const rotations: TestVectorRotation[] = [];
  const qjlMatrices: TestVectorQjlMatrix[] = [];
  const codebooks = new Map<string, TestVectorCodebook>();
  const cases: TestVectorCase[] = [];

  for (const dim of TEST_VECTOR_DIMS) {
    const qjlId = `qjl-d${dim}`;
    for (const kind of TEST_VECTOR_ROTATIONS) {
      const rotationId = `${kind}-d${dim}`;
      for (const bitsTotal of TEST_VECTOR_BITS) {
        for (const mode of ['mse', 'prod'] as const) {
          if (mode === 'prod' && bitsTotal < 2) continue;
          const quantizer = new TurboQuant({ dim, bitsTotal, mode, rotation: kind, seed });
          if (!rotations.some((rotation) => rotation.id === rotationId)) {
            const rotation = quantizer.rotation;
            rotations.push({
              id: rotationId,
              kind,
              dim,
              seed,
              signs: rotation.signs ? Array.from(rotation.signs) : null,
              matrix: kind === 'haar' ? float32List(rotation.matrix()) : null,
            });
          }
          if (quantizer.qjl && !qjlMatrices.some((entry) => entry.id === qjlId)) {
            qjlMatrices.push({
              id: qjlId,
              dim,
              projections: dim,
              seed: qjlSeed,
              matrix: dim <= TEST_VECTOR_MAX_STORED_QJL_DIM ? float32List(quantizer.qjl.matrix()) : null,
            });
          }
          const codebookId = `beta-d${dim}-b${quantizer.codebookBits}`;
          if (!codebooks.has(codebookId)) {
            const codebook = lloydMaxCodebook(dim, quantizer.codebookBits);
            codebooks.set(codebookId, {
              id: codebookId,
              dim,
              bits: codebook.bits,
              density: 'beta',
              centroids: float64List(codebook.centroids),
              boundaries: float64List(codebook.boundaries),
              distortion: codebook.distortion,
            });
          }
          const name = `${mode} rotation=${kind} d=${dim} bits=${bitsTotal}`;
          cases.push(buildCase(quantizer, name, rotationId, codebookId, qjlId, deriveSeed(seed, 1000 + cases.length)));
        }
      }
    }
  }

  return {
    format: TEST_VECTORS_FORMAT,
    formatVersion: TEST_VECTORS_FORMAT_VERSION,
    generator: TEST_VECTORS_GENERATOR,
    packageVersion: options.packageVersion ?? '0.0.0',
    seed,
    conventions: TEST_VECTOR_CONVENTIONS,
    rotations,
    qjlMatrices,
    codebooks: [...codebooks.values()],
    cases,
  };
}

function buildCase(
  quantizer: TurboQuant,
  name: string,
  rotationId: string,
  codebookId: string,
  qjlId: string,
  dataSeed: number,
): TestVectorCase {
  const { dim } = quantizer;
  const count = TEST_VECTOR_COUNT;
  const rng = createRng(dataSeed);
  const inputs = new Float32Array(count * dim);
  for (let row = 0; row < count; row++) {
    for (let j = 0; j < dim; j++) inputs[row * dim + j] = INPUT_SCALES[row]! * rng.nextGaussian();
  }
  const queries = new Float32Array(TEST_VECTOR_QUERY_COUNT * dim);
  for (let i = 0; i < queries.length; i++) queries[i] = rng.nextGaussian();

  const batch = quantizer.quantizeBatch(inputs, count);
  const unit = new Float64Array(count * dim);
  for (let row = 0; row < count; row++) {
    const rowNorm = norm(inputs, row * dim, dim); // as TurboQuant.quantizeBatch computes it
    if (rowNorm > 0) for (let j = 0; j < dim; j++) unit[row * dim + j] = inputs[row * dim + j]! / rowNorm;
  }
  const rotated = quantizer.rotation.applyBatchFloat64(unit, count);
  const estimates: number[] = [];
  for (let query = 0; query < TEST_VECTOR_QUERY_COUNT; query++) {
    const scores = quantizer.estimateInnerProductsBatch(queries.subarray(query * dim, query * dim + dim), batch);
    estimates.push(...float64List(scores));
  }
  const isProd = quantizer.mode === 'prod';
  return {
    name,
    dim,
    bitsTotal: quantizer.bitsTotal,
    mode: quantizer.mode,
    codebookBits: quantizer.codebookBits,
    rotation: rotationId,
    codebook: codebookId,
    qjl: isProd ? qjlId : null,
    seed: quantizer.seed,
    qjlSeed: quantizer.qjlSeed,
    count,
    inputs: float32List(inputs),
    norms: float32List(batch.norms),
    rotated: float32List(rotated),
    indices: Array.from(batch.indices),
    wordsPerRow: packedWordsPerRow(dim, quantizer.codebookBits),
    packedIndices: Array.from(batch.packedIndices),
    residualNorms: batch.residualNorms ? float32List(batch.residualNorms) : null,
    qjlSignWordsPerRow: isProd ? packedWordsPerRow(dim, 1) : null,
    qjlSignWords: batch.qjlSignWords ? Array.from(batch.qjlSignWords) : null,
    dequantized: float32List(quantizer.dequantizeBatch(batch)),
    queryCount: TEST_VECTOR_QUERY_COUNT,
    queries: float32List(queries),
    estimates,
  };
}

/**
 * Deterministic JSON: two-space indentation for objects and arrays of objects, arrays of numbers on one line,
 * numbers in JavaScript's shortest round-trip form. Ends with a newline.
 */
export function serializeTestVectors(file: TestVectorsFile): string {
  return `${writeJson(file, '')}\n`;
}

function writeJson(value: unknown, indent: string): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.every((item) => item === null || typeof item !== 'object')) return `[${value.map((item) => JSON.stringify(item)).join(',')}]`;
    return `[\n${value.map((item) => inner + writeJson(item, inner)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([key, item]) => `${inner}${JSON.stringify(key)}: ${writeJson(item, inner)}`).join(',\n')}\n${indent}}`;
}
