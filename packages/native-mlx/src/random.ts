// mx.random: counter-based (threefry) random numbers. Every sampler takes an optional `key`; without one MLX's
// global generator is used (seeded by `seed`).
import { loadAddon } from './load.js';
import { streamCode, type StreamOptions } from './device.js';
import { float32, int32, type Dtype } from './dtype.js';
import type { MxArray } from './array.js';
import { track } from './tidy.js';
import { checkArray, checkArrayOrScalar, checkDtype, checkInt, checkNumber, checkOptionalArray, checkShape, type ArrayOrScalar } from './validate.js';

const N = loadAddon().addon;
const one = (value: unknown): MxArray => track(value as MxArray);

export interface KeyOptions extends StreamOptions {
  key?: MxArray;
}

const checkSeed = (op: string, seed: number): number => {
  if (!Number.isSafeInteger(seed) || seed < 0) throw new TypeError(`[${op}] parameter 'seed': expected a non-negative integer, got ${seed}`);
  return seed;
};

/** Seeds the global generator. */
export function seed(value: number): void {
  N.randomSeed(checkSeed('random.seed', value));
}
/** A PRNG key (uint32 pair) from a seed. */
export const key = (value: number): MxArray => one(N.randomKey(checkSeed('random.key', value)));
/** `num` independent keys, shape (num, 2). */
export const split = (k: MxArray, num = 2, o?: StreamOptions): MxArray =>
  one(N.randomSplit(checkArray('random.split', 'key', k), checkInt('random.split', 'num', num, 1), streamCode(o)));

export function uniform(low: ArrayOrScalar = 0, high: ArrayOrScalar = 1, shape: number[] = [], dtype: Dtype = float32, o: KeyOptions = {}): MxArray {
  const op = 'random.uniform';
  return one(N.randomUniform(checkArrayOrScalar(op, 'low', low), checkArrayOrScalar(op, 'high', high), checkShape(op, 'shape', shape),
    checkDtype(op, 'dtype', dtype).code, checkOptionalArray(op, 'key', o.key), streamCode(o)));
}
export function normal(shape: number[] = [], dtype: Dtype = float32, loc = 0, scale = 1, o: KeyOptions = {}): MxArray {
  const op = 'random.normal';
  return one(N.randomNormal(checkShape(op, 'shape', shape), checkDtype(op, 'dtype', dtype).code, checkNumber(op, 'loc', loc),
    checkNumber(op, 'scale', scale), checkOptionalArray(op, 'key', o.key), streamCode(o)));
}
export function randint(low: ArrayOrScalar, high: ArrayOrScalar, shape: number[] = [], dtype: Dtype = int32, o: KeyOptions = {}): MxArray {
  const op = 'random.randint';
  return one(N.randomRandint(checkArrayOrScalar(op, 'low', low), checkArrayOrScalar(op, 'high', high), checkShape(op, 'shape', shape),
    checkDtype(op, 'dtype', dtype).code, checkOptionalArray(op, 'key', o.key), streamCode(o)));
}
export function bernoulli(p: ArrayOrScalar = 0.5, shape?: number[], o: KeyOptions = {}): MxArray {
  const op = 'random.bernoulli';
  return one(N.randomBernoulli(checkArrayOrScalar(op, 'p', p), shape === undefined ? undefined : checkShape(op, 'shape', shape),
    checkOptionalArray(op, 'key', o.key), streamCode(o)));
}
/** Samples indices from unnormalised log-probabilities along `axis`. */
export function categorical(logits: MxArray, axis = -1, numSamples?: number, o: KeyOptions = {}): MxArray {
  const op = 'random.categorical';
  return one(N.randomCategorical(checkArray(op, 'logits', logits), checkInt(op, 'axis', axis),
    numSamples === undefined ? undefined : checkInt(op, 'numSamples', numSamples, 1), checkOptionalArray(op, 'key', o.key), streamCode(o)));
}
export function gumbel(shape: number[] = [], dtype: Dtype = float32, o: KeyOptions = {}): MxArray {
  const op = 'random.gumbel';
  return one(N.randomGumbel(checkShape(op, 'shape', shape), checkDtype(op, 'dtype', dtype).code, checkOptionalArray(op, 'key', o.key), streamCode(o)));
}
/** A random permutation of 0..n-1, or of `x` along `axis`. */
export function permutation(x: number | MxArray, axis = 0, o: KeyOptions = {}): MxArray {
  const op = 'random.permutation';
  const target = typeof x === 'number' ? checkInt(op, 'x', x, 0) : checkArray(op, 'x', x);
  return one(N.randomPermutation(target, checkInt(op, 'axis', axis), checkOptionalArray(op, 'key', o.key), streamCode(o)));
}
