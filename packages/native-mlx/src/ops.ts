// Typed, validated wrappers over the addon's ops, mirroring MLX's Python API in camelCase. Every function checks
// its arguments (errors name the parameter), registers its result with the current tidy scope, and takes an
// optional trailing `{ stream }`.
import { loadAddon } from './load.js';
import { streamCode, type StreamOptions } from './device.js';
import { float32, int32, type Dtype } from './dtype.js';
import type { MxArray } from './array.js';
import { track } from './tidy.js';
import type { NativeFunctionName } from './native-types.js';
import {
  checkArray,
  checkArrayList,
  checkArrayOrScalar,
  checkAxes,
  checkBool,
  checkDtype,
  checkInt,
  checkIntList,
  checkNumber,
  checkOptionalArray,
  checkOptionalInt,
  checkShape,
  checkString,
  type ArrayOrScalar,
} from './validate.js';

const N = loadAddon().addon;
const one = (value: unknown): MxArray => track(value as MxArray);
const many = (values: unknown): MxArray[] => (values as MxArray[]).map((v) => track(v));
const s = streamCode;
type Axes = number | number[];

// ---- creation ---------------------------------------------------------------------------------------------

export const zeros = (shape: number | number[], dtype: Dtype = float32, o?: StreamOptions): MxArray =>
  one(N.zeros(checkShape('zeros', 'shape', shape), checkDtype('zeros', 'dtype', dtype).code, s(o)));
export const ones = (shape: number | number[], dtype: Dtype = float32, o?: StreamOptions): MxArray =>
  one(N.ones(checkShape('ones', 'shape', shape), checkDtype('ones', 'dtype', dtype).code, s(o)));
export function full(shape: number | number[], value: ArrayOrScalar, dtype?: Dtype, o?: StreamOptions): MxArray {
  const op = 'full';
  return one(N.full(checkShape(op, 'shape', shape), checkArrayOrScalar(op, 'value', value),
    dtype === undefined ? undefined : checkDtype(op, 'dtype', dtype).code, s(o)));
}
export const zerosLike = (a: MxArray, o?: StreamOptions): MxArray => one(N.zerosLike(checkArray('zeros_like', 'a', a), s(o)));
export const onesLike = (a: MxArray, o?: StreamOptions): MxArray => one(N.onesLike(checkArray('ones_like', 'a', a), s(o)));

/** arange(stop) or arange(start, stop, step?); integer arguments give int32 unless `dtype` says otherwise. */
export function arange(startOrStop: number, stop?: number, step = 1, dtype?: Dtype, o?: StreamOptions): MxArray {
  const op = 'arange';
  const start = stop === undefined ? 0 : checkNumber(op, 'start', startOrStop);
  const end = stop === undefined ? checkNumber(op, 'stop', startOrStop) : checkNumber(op, 'stop', stop);
  checkNumber(op, 'step', step);
  if (step === 0) throw new RangeError(`[${op}] parameter 'step': must not be 0`);
  const allInt = [start, end, step].every(Number.isInteger);
  const resolved = dtype === undefined ? (allInt ? int32 : float32) : checkDtype(op, 'dtype', dtype);
  return one(N.arange(start, end, step, resolved.code, s(o)));
}
export function linspace(start: number, stop: number, num = 50, dtype: Dtype = float32, o?: StreamOptions): MxArray {
  const op = 'linspace';
  return one(N.linspace(checkNumber(op, 'start', start), checkNumber(op, 'stop', stop), checkInt(op, 'num', num, 0),
    checkDtype(op, 'dtype', dtype).code, s(o)));
}
export function eye(n: number, m?: number, k = 0, dtype: Dtype = float32, o?: StreamOptions): MxArray {
  const op = 'eye';
  const rows = checkInt(op, 'n', n, 0);
  return one(N.eye(rows, m === undefined ? rows : checkInt(op, 'm', m, 0), checkInt(op, 'k', k), checkDtype(op, 'dtype', dtype).code, s(o)));
}
export const identity = (n: number, dtype: Dtype = float32, o?: StreamOptions): MxArray => eye(n, n, 0, dtype, o);
export function tri(n: number, m?: number, k = 0, dtype: Dtype = float32, o?: StreamOptions): MxArray {
  const op = 'tri';
  const rows = checkInt(op, 'n', n, 0);
  return one(N.tri(rows, m === undefined ? rows : checkInt(op, 'm', m, 0), checkInt(op, 'k', k), checkDtype(op, 'dtype', dtype).code, s(o)));
}
export const triu = (a: MxArray, k = 0, o?: StreamOptions): MxArray => one(N.triu(checkArray('triu', 'a', a), checkInt('triu', 'k', k), s(o)));
export const tril = (a: MxArray, k = 0, o?: StreamOptions): MxArray => one(N.tril(checkArray('tril', 'a', a), checkInt('tril', 'k', k), s(o)));

// ---- elementwise ------------------------------------------------------------------------------------------

function unary(name: NativeFunctionName, label: string) {
  return (a: MxArray, o?: StreamOptions): MxArray => one(N[name](checkArray(label, 'a', a), s(o)));
}
function binary(name: NativeFunctionName, label: string) {
  return (a: ArrayOrScalar, b: ArrayOrScalar, o?: StreamOptions): MxArray =>
    one(N[name](checkArrayOrScalar(label, 'a', a), checkArrayOrScalar(label, 'b', b), s(o)));
}

export const abs = unary('abs', 'abs');
export const negative = unary('negative', 'negative');
export const sign = unary('sign', 'sign');
export const exp = unary('exp', 'exp');
export const expm1 = unary('expm1', 'expm1');
export const log = unary('log', 'log');
export const log2 = unary('log2', 'log2');
export const log10 = unary('log10', 'log10');
export const log1p = unary('log1p', 'log1p');
export const sqrt = unary('sqrt', 'sqrt');
export const rsqrt = unary('rsqrt', 'rsqrt');
export const square = unary('square', 'square');
export const reciprocal = unary('reciprocal', 'reciprocal');
export const sin = unary('sin', 'sin');
export const cos = unary('cos', 'cos');
export const tan = unary('tan', 'tan');
export const tanh = unary('tanh', 'tanh');
export const arctan = unary('arctan', 'arctan');
export const sigmoid = unary('sigmoid', 'sigmoid');
export const erf = unary('erf', 'erf');
export const erfinv = unary('erfinv', 'erfinv');
export const floor = unary('floor', 'floor');
export const ceil = unary('ceil', 'ceil');
export const logicalNot = unary('logicalNot', 'logical_not');
export const bitwiseInvert = unary('bitwiseInvert', 'bitwise_invert');
export const isnan = unary('isnan', 'isnan');
export const isinf = unary('isinf', 'isinf');
export const isfinite = unary('isfinite', 'isfinite');
export const stopGradient = unary('stopGradient', 'stop_gradient');
export const copy = unary('copy', 'copy');
export const round = (a: MxArray, decimals = 0, o?: StreamOptions): MxArray =>
  one(N.round(checkArray('round', 'a', a), checkInt('round', 'decimals', decimals), s(o)));

export const add = binary('add', 'add');
export const subtract = binary('subtract', 'subtract');
export const multiply = binary('multiply', 'multiply');
export const divide = binary('divide', 'divide');
export const power = binary('power', 'power');
export const maximum = binary('maximum', 'maximum');
export const minimum = binary('minimum', 'minimum');
export const equal = binary('equal', 'equal');
export const notEqual = binary('notEqual', 'not_equal');
export const less = binary('less', 'less');
export const lessEqual = binary('lessEqual', 'less_equal');
export const greater = binary('greater', 'greater');
export const greaterEqual = binary('greaterEqual', 'greater_equal');
export const logicalAnd = binary('logicalAnd', 'logical_and');
export const logicalOr = binary('logicalOr', 'logical_or');
export const bitwiseAnd = binary('bitwiseAnd', 'bitwise_and');
export const bitwiseOr = binary('bitwiseOr', 'bitwise_or');
export const bitwiseXor = binary('bitwiseXor', 'bitwise_xor');
export const leftShift = binary('leftShift', 'left_shift');
export const rightShift = binary('rightShift', 'right_shift');
export const floorDivide = binary('floorDivide', 'floor_divide');
export const remainder = binary('remainder', 'remainder');
export const logaddexp = binary('logaddexp', 'logaddexp');
export const arctan2 = binary('arctan2', 'arctan2');

export function where(condition: MxArray, x: ArrayOrScalar, y: ArrayOrScalar, o?: StreamOptions): MxArray {
  const op = 'where';
  return one(N.where(checkArray(op, 'condition', condition), checkArrayOrScalar(op, 'x', x), checkArrayOrScalar(op, 'y', y), s(o)));
}
export function clip(a: MxArray, min: ArrayOrScalar | null, max: ArrayOrScalar | null, o?: StreamOptions): MxArray {
  const op = 'clip';
  if ((min === null || min === undefined) && (max === null || max === undefined)) {
    throw new TypeError(`[${op}] parameter 'min': at least one of min and max must be given`);
  }
  return one(N.clip(checkArray(op, 'a', a), min == null ? null : checkArrayOrScalar(op, 'min', min),
    max == null ? null : checkArrayOrScalar(op, 'max', max), s(o)));
}
export function nanToNum(a: MxArray, nan = 0, posinf?: number, neginf?: number, o?: StreamOptions): MxArray {
  const op = 'nan_to_num';
  return one(N.nanToNum(checkArray(op, 'a', a), checkNumber(op, 'nan', nan), posinf, neginf, s(o)));
}
export function isclose(a: ArrayOrScalar, b: ArrayOrScalar, rtol = 1e-5, atol = 1e-8, equalNan = false, o?: StreamOptions): MxArray {
  const op = 'isclose';
  return one(N.isclose(checkArrayOrScalar(op, 'a', a), checkArrayOrScalar(op, 'b', b), checkNumber(op, 'rtol', rtol),
    checkNumber(op, 'atol', atol), checkBool(op, 'equalNan', equalNan), s(o)));
}
export function allclose(a: ArrayOrScalar, b: ArrayOrScalar, rtol = 1e-5, atol = 1e-8, equalNan = false, o?: StreamOptions): MxArray {
  return all(isclose(a, b, rtol, atol, equalNan, o), undefined, false, o);
}
export function arrayEqual(a: ArrayOrScalar, b: ArrayOrScalar, equalNan = false, o?: StreamOptions): MxArray {
  const op = 'array_equal';
  return one(N.arrayEqual(checkArrayOrScalar(op, 'a', a), checkArrayOrScalar(op, 'b', b), checkBool(op, 'equalNan', equalNan), s(o)));
}

// ---- reductions -------------------------------------------------------------------------------------------

function reduction(name: NativeFunctionName, label: string) {
  return (a: MxArray, axis?: Axes, keepdims = false, o?: StreamOptions): MxArray =>
    one(N[name](checkArray(label, 'a', a), checkAxes(label, 'axis', axis), checkBool(label, 'keepdims', keepdims), s(o)));
}
export const sum = reduction('sum', 'sum');
export const mean = reduction('mean', 'mean');
export const prod = reduction('prod', 'prod');
export const max = reduction('max', 'max');
export const min = reduction('min', 'min');
export const all = reduction('all', 'all');
export const any = reduction('any', 'any');
export const logsumexp = reduction('logsumexp', 'logsumexp');

function argReduction(name: NativeFunctionName, label: string) {
  return (a: MxArray, axis?: number, keepdims = false, o?: StreamOptions): MxArray =>
    one(N[name](checkArray(label, 'a', a), checkOptionalInt(label, 'axis', axis), checkBool(label, 'keepdims', keepdims), s(o)));
}
export const argmax = argReduction('argmax', 'argmax');
export const argmin = argReduction('argmin', 'argmin');

function scan(name: NativeFunctionName, label: string) {
  return (a: MxArray, axis?: number, reverse = false, inclusive = true, o?: StreamOptions): MxArray =>
    one(N[name](checkArray(label, 'a', a), checkOptionalInt(label, 'axis', axis), checkBool(label, 'reverse', reverse),
      checkBool(label, 'inclusive', inclusive), s(o)));
}
export const cumsum = scan('cumsum', 'cumsum');
export const cumprod = scan('cumprod', 'cumprod');
export const cummax = scan('cummax', 'cummax');
export const cummin = scan('cummin', 'cummin');
export const logcumsumexp = scan('logcumsumexp', 'logcumsumexp');

export function variance(a: MxArray, axis?: Axes, keepdims = false, ddof = 0, o?: StreamOptions): MxArray {
  const op = 'var';
  return one(N.var(checkArray(op, 'a', a), checkAxes(op, 'axis', axis), checkBool(op, 'keepdims', keepdims), checkInt(op, 'ddof', ddof, 0), s(o)));
}
export function std(a: MxArray, axis?: Axes, keepdims = false, ddof = 0, o?: StreamOptions): MxArray {
  const op = 'std';
  return one(N.std(checkArray(op, 'a', a), checkAxes(op, 'axis', axis), checkBool(op, 'keepdims', keepdims), checkInt(op, 'ddof', ddof, 0), s(o)));
}
/** Softmax over `axis` (default: all axes). `precise` accumulates in float32 for half-precision inputs. */
export function softmax(a: MxArray, axis?: Axes, precise = false, o?: StreamOptions): MxArray {
  const op = 'softmax';
  return one(N.softmax(checkArray(op, 'a', a), checkAxes(op, 'axis', axis), checkBool(op, 'precise', precise), s(o)));
}

// ---- shapes and indexing ----------------------------------------------------------------------------------

export const reshape = (a: MxArray, shape: number[], o?: StreamOptions): MxArray =>
  one(N.reshape(checkArray('reshape', 'a', a), checkIntList('reshape', 'shape', shape), s(o)));
export const transpose = (a: MxArray, axes?: number[], o?: StreamOptions): MxArray =>
  one(N.transpose(checkArray('transpose', 'a', a), checkAxes('transpose', 'axes', axes), s(o)));
export const swapaxes = (a: MxArray, axis1: number, axis2: number, o?: StreamOptions): MxArray =>
  one(N.swapaxes(checkArray('swapaxes', 'a', a), checkInt('swapaxes', 'axis1', axis1), checkInt('swapaxes', 'axis2', axis2), s(o)));
export const moveaxis = (a: MxArray, source: number, destination: number, o?: StreamOptions): MxArray =>
  one(N.moveaxis(checkArray('moveaxis', 'a', a), checkInt('moveaxis', 'source', source), checkInt('moveaxis', 'destination', destination), s(o)));
export const expandDims = (a: MxArray, axis: Axes, o?: StreamOptions): MxArray =>
  one(N.expandDims(checkArray('expand_dims', 'a', a), checkIntList('expand_dims', 'axis', axis), s(o)));
export const squeeze = (a: MxArray, axis?: Axes, o?: StreamOptions): MxArray =>
  one(N.squeeze(checkArray('squeeze', 'a', a), checkAxes('squeeze', 'axis', axis), s(o)));
export const flatten = (a: MxArray, startAxis = 0, endAxis = -1, o?: StreamOptions): MxArray =>
  one(N.flatten(checkArray('flatten', 'a', a), checkInt('flatten', 'startAxis', startAxis), checkInt('flatten', 'endAxis', endAxis), s(o)));
export const unflatten = (a: MxArray, axis: number, shape: number[], o?: StreamOptions): MxArray =>
  one(N.unflatten(checkArray('unflatten', 'a', a), checkInt('unflatten', 'axis', axis), checkIntList('unflatten', 'shape', shape), s(o)));
export const broadcastTo = (a: MxArray, shape: number[], o?: StreamOptions): MxArray =>
  one(N.broadcastTo(checkArray('broadcast_to', 'a', a), checkShape('broadcast_to', 'shape', shape), s(o)));
export const concatenate = (arrays: MxArray[], axis = 0, o?: StreamOptions): MxArray =>
  one(N.concatenate(checkArrayList('concatenate', 'arrays', arrays), checkInt('concatenate', 'axis', axis), s(o)));
export const stack = (arrays: MxArray[], axis = 0, o?: StreamOptions): MxArray =>
  one(N.stack(checkArrayList('stack', 'arrays', arrays), checkInt('stack', 'axis', axis), s(o)));
/** Splits into `sections` equal parts, or at the given indices, along `axis`. */
export function split(a: MxArray, sectionsOrIndices: number | number[], axis = 0, o?: StreamOptions): MxArray[] {
  const op = 'split';
  const at = typeof sectionsOrIndices === 'number' ? checkInt(op, 'sections', sectionsOrIndices, 1) : checkIntList(op, 'indices', sectionsOrIndices);
  return many(N.split(checkArray(op, 'a', a), at, checkInt(op, 'axis', axis), s(o)));
}
/** a[start:stop:strides] per axis (all three lists have one entry per axis). */
export function slice(a: MxArray, start: number[], stop: number[], strides?: number[], o?: StreamOptions): MxArray {
  const op = 'slice';
  const array = checkArray(op, 'a', a);
  return one(N.slice(array, checkIntList(op, 'start', start), checkIntList(op, 'stop', stop),
    strides === undefined ? start.map(() => 1) : checkIntList(op, 'strides', strides), s(o)));
}
/** A copy of `src` with src[start:stop:strides] = update. In place when nothing else references src. */
export function sliceUpdate(src: MxArray, update: MxArray, start: number[], stop: number[], strides?: number[], o?: StreamOptions): MxArray {
  const op = 'slice_update';
  return one(N.sliceUpdate(checkArray(op, 'src', src), checkArray(op, 'update', update), checkIntList(op, 'start', start),
    checkIntList(op, 'stop', stop), strides === undefined ? start.map(() => 1) : checkIntList(op, 'strides', strides), s(o)));
}
export function take(a: MxArray, indices: MxArray | number, axis?: number, o?: StreamOptions): MxArray {
  const op = 'take';
  const idx = typeof indices === 'number' ? checkInt(op, 'indices', indices) : checkArray(op, 'indices', indices);
  return one(N.take(checkArray(op, 'a', a), idx, checkOptionalInt(op, 'axis', axis), s(o)));
}
export const takeAlongAxis = (a: MxArray, indices: MxArray, axis: number, o?: StreamOptions): MxArray =>
  one(N.takeAlongAxis(checkArray('take_along_axis', 'a', a), checkArray('take_along_axis', 'indices', indices), checkInt('take_along_axis', 'axis', axis), s(o)));
export const putAlongAxis = (a: MxArray, indices: MxArray, values: ArrayOrScalar, axis: number, o?: StreamOptions): MxArray =>
  one(N.putAlongAxis(checkArray('put_along_axis', 'a', a), checkArray('put_along_axis', 'indices', indices),
    checkArrayOrScalar('put_along_axis', 'values', values), checkInt('put_along_axis', 'axis', axis), s(o)));
/** Pads with `[low, high]` per axis (or one pair for every axis). */
export function pad(a: MxArray, widths: [number, number][] | [number, number], value: ArrayOrScalar = 0, mode: 'constant' | 'edge' = 'constant', o?: StreamOptions): MxArray {
  const op = 'pad';
  const array = checkArray(op, 'a', a);
  const pairs = typeof widths[0] === 'number' ? Array.from({ length: array.ndim }, () => widths as [number, number]) : (widths as [number, number][]);
  if (pairs.length !== array.ndim) throw new TypeError(`[${op}] parameter 'widths': needs ${array.ndim} [low, high] pairs, got ${pairs.length}`);
  const flat = pairs.flatMap((pair, i) => checkIntList(op, `widths[${i}]`, pair).map((w) => checkInt(op, `widths[${i}]`, w, 0)));
  return one(N.pad(array, flat, checkArrayOrScalar(op, 'value', value), checkString(op, 'mode', mode, ['constant', 'edge']), s(o)));
}
export const repeat = (a: MxArray, repeats: number, axis?: number, o?: StreamOptions): MxArray =>
  one(N.repeat(checkArray('repeat', 'a', a), checkInt('repeat', 'repeats', repeats, 0), checkOptionalInt('repeat', 'axis', axis), s(o)));
export const tile = (a: MxArray, reps: Axes, o?: StreamOptions): MxArray =>
  one(N.tile(checkArray('tile', 'a', a), checkIntList('tile', 'reps', reps), s(o)));
export const roll = (a: MxArray, shift: number, axis?: number, o?: StreamOptions): MxArray =>
  one(N.roll(checkArray('roll', 'a', a), checkInt('roll', 'shift', shift), checkOptionalInt('roll', 'axis', axis), s(o)));
export const astype = (a: MxArray, dtype: Dtype, o?: StreamOptions): MxArray =>
  one(N.astype(checkArray('astype', 'a', a), checkDtype('astype', 'dtype', dtype).code, s(o)));
/** Reinterprets the bytes as another dtype (the last axis scales by the size ratio). */
export const view = (a: MxArray, dtype: Dtype, o?: StreamOptions): MxArray =>
  one(N.view(checkArray('view', 'a', a), checkDtype('view', 'dtype', dtype).code, s(o)));
export const contiguous = (a: MxArray, allowColMajor = false, o?: StreamOptions): MxArray =>
  one(N.contiguous(checkArray('contiguous', 'a', a), checkBool('contiguous', 'allowColMajor', allowColMajor), s(o)));
export function asStrided(a: MxArray, shape: number[], strides: number[], offset = 0, o?: StreamOptions): MxArray {
  const op = 'as_strided';
  return one(N.asStrided(checkArray(op, 'a', a), checkShape(op, 'shape', shape), checkIntList(op, 'strides', strides), checkInt(op, 'offset', offset, 0), s(o)));
}

// ---- sorting ----------------------------------------------------------------------------------------------

export const sort = (a: MxArray, axis: number | null = -1, o?: StreamOptions): MxArray =>
  one(N.sort(checkArray('sort', 'a', a), checkOptionalInt('sort', 'axis', axis), s(o)));
export const argsort = (a: MxArray, axis: number | null = -1, o?: StreamOptions): MxArray =>
  one(N.argsort(checkArray('argsort', 'a', a), checkOptionalInt('argsort', 'axis', axis), s(o)));
export const partition = (a: MxArray, kth: number, axis: number | null = -1, o?: StreamOptions): MxArray =>
  one(N.partition(checkArray('partition', 'a', a), checkInt('partition', 'kth', kth), checkOptionalInt('partition', 'axis', axis), s(o)));
export const argpartition = (a: MxArray, kth: number, axis: number | null = -1, o?: StreamOptions): MxArray =>
  one(N.argpartition(checkArray('argpartition', 'a', a), checkInt('argpartition', 'kth', kth), checkOptionalInt('argpartition', 'axis', axis), s(o)));
export const topk = (a: MxArray, k: number, axis: number | null = -1, o?: StreamOptions): MxArray =>
  one(N.topk(checkArray('topk', 'a', a), checkInt('topk', 'k', k, 1), checkOptionalInt('topk', 'axis', axis), s(o)));

// ---- linear algebra ---------------------------------------------------------------------------------------

export const matmul = (a: MxArray, b: MxArray, o?: StreamOptions): MxArray =>
  one(N.matmul(checkArray('matmul', 'a', a), checkArray('matmul', 'b', b), s(o)));
/** alpha * (a @ b) + beta * c */
export function addmm(c: MxArray, a: MxArray, b: MxArray, alpha = 1, beta = 1, o?: StreamOptions): MxArray {
  const op = 'addmm';
  return one(N.addmm(checkArray(op, 'c', c), checkArray(op, 'a', a), checkArray(op, 'b', b), checkNumber(op, 'alpha', alpha), checkNumber(op, 'beta', beta), s(o)));
}
export const outer = (a: MxArray, b: MxArray, o?: StreamOptions): MxArray => one(N.outer(checkArray('outer', 'a', a), checkArray('outer', 'b', b), s(o)));
export const inner = (a: MxArray, b: MxArray, o?: StreamOptions): MxArray => one(N.inner(checkArray('inner', 'a', a), checkArray('inner', 'b', b), s(o)));
export function tensordot(a: MxArray, b: MxArray, axes: number | [number[], number[]] = 2, o?: StreamOptions): MxArray {
  const op = 'tensordot';
  if (typeof axes === 'number') return one(N.tensordot(checkArray(op, 'a', a), checkArray(op, 'b', b), checkInt(op, 'axes', axes, 0), undefined, s(o)));
  return one(N.tensordot(checkArray(op, 'a', a), checkArray(op, 'b', b), checkIntList(op, 'axes[0]', axes[0]), checkIntList(op, 'axes[1]', axes[1]), s(o)));
}
export const einsum = (subscripts: string, ...operands: MxArray[]): MxArray =>
  one(N.einsum(checkString('einsum', 'subscripts', subscripts), checkArrayList('einsum', 'operands', operands), -1));

// ---- quantization -----------------------------------------------------------------------------------------

export type QuantizationMode = 'affine' | 'mxfp4' | 'mxfp8' | 'nvfp4';
const QUANT_MODES: readonly QuantizationMode[] = ['affine', 'mxfp4', 'mxfp8', 'nvfp4'];

export interface QuantizeOptions extends StreamOptions {
  groupSize?: number;
  bits?: number;
  mode?: QuantizationMode;
}

/** Quantizes the last axis of `w` in groups: [packed uint32 weights, scales, biases (affine only)]. */
export function quantize(w: MxArray, options: QuantizeOptions = {}): MxArray[] {
  const op = 'quantize';
  return many(N.quantize(checkArray(op, 'w', w), checkOptionalInt(op, 'groupSize', options.groupSize, 1),
    checkOptionalInt(op, 'bits', options.bits, 1), checkString(op, 'mode', options.mode ?? 'affine', QUANT_MODES), s(options)));
}
export function dequantize(w: MxArray, scales: MxArray, biases: MxArray | null, options: QuantizeOptions & { dtype?: Dtype } = {}): MxArray {
  const op = 'dequantize';
  return one(N.dequantize(checkArray(op, 'w', w), checkArray(op, 'scales', scales), checkOptionalArray(op, 'biases', biases),
    checkOptionalInt(op, 'groupSize', options.groupSize, 1), checkOptionalInt(op, 'bits', options.bits, 1),
    checkString(op, 'mode', options.mode ?? 'affine', QUANT_MODES), options.dtype === undefined ? undefined : checkDtype(op, 'dtype', options.dtype).code, s(options)));
}
/** x @ dequantize(w).T (or without the transpose when `transpose: false`), without materialising w. */
export function quantizedMatmul(x: MxArray, w: MxArray, scales: MxArray, biases: MxArray | null, options: QuantizeOptions & { transpose?: boolean } = {}): MxArray {
  const op = 'quantized_matmul';
  return one(N.quantizedMatmul(checkArray(op, 'x', x), checkArray(op, 'w', w), checkArray(op, 'scales', scales), checkOptionalArray(op, 'biases', biases),
    checkBool(op, 'transpose', options.transpose ?? true), checkOptionalInt(op, 'groupSize', options.groupSize, 1),
    checkOptionalInt(op, 'bits', options.bits, 1), checkString(op, 'mode', options.mode ?? 'affine', QUANT_MODES), s(options)));
}
export interface GatherOptions {
  lhsIndices?: MxArray;
  rhsIndices?: MxArray;
  sortedIndices?: boolean;
}
/** Batched quantized matmul where each batch element picks its matrices through lhs/rhs indices (MoE experts). */
export function gatherQmm(x: MxArray, w: MxArray, scales: MxArray, biases: MxArray | null, options: QuantizeOptions & GatherOptions & { transpose?: boolean } = {}): MxArray {
  const op = 'gather_qmm';
  return one(N.gatherQmm(checkArray(op, 'x', x), checkArray(op, 'w', w), checkArray(op, 'scales', scales), checkOptionalArray(op, 'biases', biases),
    checkOptionalArray(op, 'lhsIndices', options.lhsIndices), checkOptionalArray(op, 'rhsIndices', options.rhsIndices),
    checkBool(op, 'transpose', options.transpose ?? true), checkOptionalInt(op, 'groupSize', options.groupSize, 1),
    checkOptionalInt(op, 'bits', options.bits, 1), checkString(op, 'mode', options.mode ?? 'affine', QUANT_MODES),
    checkBool(op, 'sortedIndices', options.sortedIndices ?? false), s(options)));
}
export function gatherMm(a: MxArray, b: MxArray, options: GatherOptions & StreamOptions = {}): MxArray {
  const op = 'gather_mm';
  return one(N.gatherMm(checkArray(op, 'a', a), checkArray(op, 'b', b), checkOptionalArray(op, 'lhsIndices', options.lhsIndices),
    checkOptionalArray(op, 'rhsIndices', options.rhsIndices), checkBool(op, 'sortedIndices', options.sortedIndices ?? false), s(options)));
}

// ---- convolution and transforms ---------------------------------------------------------------------------

export interface Conv1dOptions extends StreamOptions {
  stride?: number;
  padding?: number;
  dilation?: number;
  groups?: number;
}
/** 1-D convolution, MLX layout: input (N, L, C_in), weight (C_out, K, C_in / groups). */
export function conv1d(input: MxArray, weight: MxArray, options: Conv1dOptions = {}): MxArray {
  const op = 'conv1d';
  return one(N.conv1d(checkArray(op, 'input', input), checkArray(op, 'weight', weight), checkInt(op, 'stride', options.stride ?? 1, 1),
    checkInt(op, 'padding', options.padding ?? 0, 0), checkInt(op, 'dilation', options.dilation ?? 1, 1), checkInt(op, 'groups', options.groups ?? 1, 1), s(options)));
}
/** Walsh-Hadamard transform over the last axis (a power of two); scale defaults to 1/sqrt(n). */
export function hadamardTransform(a: MxArray, scale?: number, o?: StreamOptions): MxArray {
  const op = 'hadamard_transform';
  return one(N.hadamardTransform(checkArray(op, 'a', a), scale === undefined ? undefined : checkNumber(op, 'scale', scale), s(o)));
}

