// Helpers for tests in this and other packages (`@turbomlx/math/testing`): loading and comparing the golden
// TurboQuant test vectors, and normalised error measures. Node-only (reads files); never imported by index.ts.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  TEST_VECTORS_FORMAT,
  TEST_VECTORS_FORMAT_VERSION,
  TEST_VECTORS_PATH,
  type TestVectorsFile,
} from './test-vectors.js';

export type {
  TestVectorCase,
  TestVectorCodebook,
  TestVectorQjlMatrix,
  TestVectorRotation,
  TestVectorsFile,
} from './test-vectors.js';
export { TEST_VECTORS_PATH } from './test-vectors.js';

/** Absolute path of fixtures/turboquant/test-vectors.v1.json (this file lives in packages/math/{src,dist}/). */
export function defaultTestVectorsPath(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', TEST_VECTORS_PATH);
}

/** Parses the JSON text of a test-vector file, checking its format and version. */
export function parseTestVectors(json: string): TestVectorsFile {
  const parsed = JSON.parse(json) as Partial<TestVectorsFile>;
  if (parsed.format !== TEST_VECTORS_FORMAT) {
    throw new Error(`not a TurboQuant test-vector file: format is ${String(parsed.format)}, expected ${TEST_VECTORS_FORMAT}`);
  }
  if (parsed.formatVersion !== TEST_VECTORS_FORMAT_VERSION) {
    throw new Error(`test-vector formatVersion ${String(parsed.formatVersion)} is not supported (expected ${TEST_VECTORS_FORMAT_VERSION})`);
  }
  return parsed as TestVectorsFile;
}

/** Reads and parses the committed test vectors (or the file at `path`). */
export function loadTestVectors(path: string = defaultTestVectorsPath()): TestVectorsFile {
  return parseTestVectors(readFileSync(path, 'utf8'));
}

/** max_i |a_i - b_i| (arrays of equal length). */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError(`length mismatch: ${a.length} vs ${b.length}`);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
}

/** Normalised error ||actual - expected||_2 / ||expected||_2 (the absolute error when expected is zero). */
export function relErr(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) throw new RangeError(`length mismatch: ${actual.length} vs ${expected.length}`);
  let difference = 0;
  let reference = 0;
  for (let i = 0; i < actual.length; i++) {
    difference += (actual[i]! - expected[i]!) ** 2;
    reference += expected[i]! ** 2;
  }
  return reference > 0 ? Math.sqrt(difference / reference) : Math.sqrt(difference);
}

/** Fields compared exactly by {@link compareTestVectors} (integers: indices, words, shapes, seeds). */
export const EXACT_TEST_VECTOR_FIELDS: ReadonlySet<string> = new Set([
  'indices',
  'packedIndices',
  'qjlSignWords',
  'signs',
  'dim',
  'bits',
  'bitsTotal',
  'codebookBits',
  'count',
  'seed',
  'qjlSeed',
  'wordsPerRow',
  'qjlSignWordsPerRow',
  'projections',
  'queryCount',
  'formatVersion',
]);

/** Options of {@link compareTestVectors}. */
export interface CompareOptions {
  /** Floats match when |a - b| <= relativeTolerance * max(|a|, |b|) + absoluteTolerance. Default 1e-6. */
  relativeTolerance?: number;
  /** Default 1e-9. */
  absoluteTolerance?: number;
  /** Top-level or nested keys to skip (e.g. 'packageVersion'). */
  ignoreKeys?: readonly string[];
  /** Stop after this many differences (default 20). */
  maxDifferences?: number;
}

/** " (case name)" for array items that carry a name or id, so a difference says which case it is in. */
function describe(item: unknown): string {
  if (item === null || typeof item !== 'object') return '';
  const record = item as { name?: unknown; id?: unknown };
  const label = typeof record.name === 'string' ? record.name : typeof record.id === 'string' ? record.id : null;
  return label === null ? '' : `(${label})`;
}

/**
 * Structural comparison of two test-vector values. Integer fields ({@link EXACT_TEST_VECTOR_FIELDS}) and strings
 * must be equal, other numbers equal within tolerance. Returns a description per difference (empty = match).
 */
export function compareTestVectors(expected: unknown, actual: unknown, options: CompareOptions = {}): string[] {
  const relativeTolerance = options.relativeTolerance ?? 1e-6;
  const absoluteTolerance = options.absoluteTolerance ?? 1e-9;
  const ignore = new Set(options.ignoreKeys ?? []);
  const limit = options.maxDifferences ?? 20;
  const differences: string[] = [];

  const visit = (a: unknown, b: unknown, path: string, exact: boolean): void => {
    if (differences.length >= limit) return;
    if (typeof a === 'number' && typeof b === 'number') {
      const close = exact
        ? a === b
        : Math.abs(a - b) <= relativeTolerance * Math.max(Math.abs(a), Math.abs(b)) + absoluteTolerance;
      if (!close) differences.push(`${path}: expected ${a}, got ${b}`);
      return;
    }
    if (Array.isArray(a) && Array.isArray(b)) {
      if (a.length !== b.length) {
        differences.push(`${path}: expected length ${a.length}, got ${b.length}`);
        return;
      }
      for (let i = 0; i < a.length; i++) visit(a[i], b[i], `${path}[${i}]${describe(a[i])}`, exact);
      return;
    }
    if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
      const aRecord = a as Record<string, unknown>;
      const bRecord = b as Record<string, unknown>;
      const keys = new Set([...Object.keys(aRecord), ...Object.keys(bRecord)]);
      for (const key of keys) {
        if (ignore.has(key)) continue;
        if (!(key in aRecord) || !(key in bRecord)) {
          differences.push(`${path}.${key}: present on one side only`);
          continue;
        }
        visit(aRecord[key], bRecord[key], `${path}.${key}`, exact || EXACT_TEST_VECTOR_FIELDS.has(key));
      }
      return;
    }
    if (a !== b) differences.push(`${path}: expected ${JSON.stringify(a)}, got ${JSON.stringify(b)}`);
  };

  visit(expected, actual, '$', false);
  return differences;
}
