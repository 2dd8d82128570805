// The array type users hold, and making arrays from JS data.
import { bool, dtypeFromCode, float32, int32, int64, isDtype, uint16, uint32, uint64, uint8, int8, int16, float64, type Dtype } from './dtype.js';
import { loadAddon } from './load.js';
import type { NativeArray } from './native-types.js';
import { streamCode, type StreamOptions } from './device.js';
import { setArrayCheck, track } from './tidy.js';

export type NestedList<T> = T | NestedList<T>[];
export type TypedArray =
  | Float32Array
  | Float64Array
  | Int8Array
  | Int16Array
  | Int32Array
  | Uint8Array
  | Uint8ClampedArray
  | Uint16Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array;

/**
 * An MLX array. Lazy: ops build a graph and nothing is computed until `mx.eval`, `toTypedArray`, `item` or
 * `tolist`. Free it with `dispose()` or inside `mx.tidy`; garbage collection frees it otherwise.
 */
export interface MxArray {
  readonly shape: number[];
  readonly dtype: Dtype;
  readonly ndim: number;
  readonly size: number;
  /** Bytes of the array's elements (size * itemsize). */
  readonly nbytes: number;
  readonly itemsize: number;
  readonly isDisposed: boolean;
  /** Frees the array's memory now; later use throws. Idempotent. */
  dispose(): void;
  /**
   * Evaluates and copies the values out. float16 / bfloat16 come as Float32Array, or with `{ raw: true }` as a
   * Uint16Array of their bits; bool as Uint8Array; int64 / uint64 as BigInt64Array / BigUint64Array.
   */
  toTypedArray(options?: { raw?: boolean }): TypedArray;
  /** The value of a one-element array (a number, or a boolean for bool). */
  item(): number | boolean;
  /** The values as nested JS arrays (numbers, or booleans for bool). 64-bit integers beyond 2^53 lose precision. */
  tolist(): NestedList<number | boolean>;
  astype(dtype: Dtype, options?: StreamOptions): MxArray;
  reshape(...shape: number[]): MxArray;
  transpose(...axes: number[]): MxArray;
  /** Reverses the axes. */
  readonly T: MxArray;
  flatten(startAxis?: number, endAxis?: number): MxArray;
  squeeze(axis?: number | number[]): MxArray;
  expandDims(axis: number | number[]): MxArray;
  sum(axis?: number | number[], keepdims?: boolean): MxArray;
  mean(axis?: number | number[], keepdims?: boolean): MxArray;
  max(axis?: number | number[], keepdims?: boolean): MxArray;
  min(axis?: number | number[], keepdims?: boolean): MxArray;
  argmax(axis?: number, keepdims?: boolean): MxArray;
  add(other: MxArray | number): MxArray;
  subtract(other: MxArray | number): MxArray;
  multiply(other: MxArray | number): MxArray;
  divide(other: MxArray | number): MxArray;
  matmul(other: MxArray): MxArray;
  toString(): string;
}

const { addon } = loadAddon();
const NativeArrayClass = addon.NativeArray;
const N = addon;

export function isMxArray(value: unknown): value is MxArray {
  return value instanceof NativeArrayClass;
}
setArrayCheck(isMxArray);

/** Adds the TS-side methods to the addon's array class (methods that compose ops are installed in mx.ts). */
export function extendArrayPrototype(methods: Record<string | symbol, PropertyDescriptor>): void {
  // Configurable: the addon is loaded once per process, but this module may be evaluated again (test isolation).
  const descriptors: PropertyDescriptorMap = {};
  for (const key of Reflect.ownKeys(methods)) {
    descriptors[key as string] = { ...methods[key as string], configurable: true, enumerable: false };
  }
  Object.defineProperties(NativeArrayClass.prototype, descriptors);
}

extendArrayPrototype({
  dtype: {
    get(this: NativeArray) {
      return dtypeFromCode(this.dtypeCode);
    },
  },
  toTypedArray: {
    value(this: NativeArray, options?: { raw?: boolean }) {
      return this.toBuffer(options?.raw === true) as TypedArray;
    },
  },
  tolist: {
    value(this: NativeArray & MxArray) {
      const flat = this.toBuffer(false);
      const isBool = this.dtypeCode === bool.code;
      const read = (i: number): number | boolean => {
        const v = (flat as unknown as ArrayLike<number | bigint>)[i]!;
        return isBool ? v === 1 : Number(v);
      };
      const shape = this.shape;
      if (shape.length === 0) return read(0);
      let cursor = 0;
      const build = (axis: number): NestedList<number | boolean> => {
        const out: NestedList<number | boolean>[] = [];
        for (let i = 0; i < shape[axis]!; i++) out.push(axis === shape.length - 1 ? read(cursor++) : build(axis + 1));
        return out;
      };
      return build(0);
    },
  },
  toString: {
    value(this: NativeArray) {
      return this.isDisposed ? 'array(<disposed>)' : this.describe();
    },
  },
  [Symbol.for('nodejs.util.inspect.custom')]: {
    value(this: NativeArray) {
      return this.isDisposed ? 'array(<disposed>)' : this.describe();
    },
  },
});

// ---- making arrays ----------------------------------------------------------------------------------------

function defaultDtypeOfTyped(data: TypedArray): Dtype {
  if (data instanceof Float32Array || data instanceof Float64Array) return float32;
  if (data instanceof Int32Array) return int32;
  if (data instanceof Uint32Array) return uint32;
  if (data instanceof Int16Array) return int16;
  if (data instanceof Uint16Array) return uint16;
  if (data instanceof Int8Array) return int8;
  if (data instanceof BigInt64Array) return int64;
  if (data instanceof BigUint64Array) return uint64;
  return uint8;
}

function flattenNested(data: unknown[], op: string): { shape: number[]; leaves: unknown[] } {
  const shape: number[] = [];
  let level: unknown = data;
  while (Array.isArray(level)) {
    shape.push(level.length);
    level = level[0];
  }
  const leaves: unknown[] = [];
  const walk = (node: unknown, axis: number, path: string): void => {
    if (axis === shape.length) {
      if (Array.isArray(node)) throw new TypeError(`[${op}] parameter 'data': ragged nested list at ${path}`);
      leaves.push(node);
      return;
    }
    if (!Array.isArray(node) || node.length !== shape[axis]) {
      throw new TypeError(
        `[${op}] parameter 'data': ragged nested list at ${path || 'top level'} (expected ${shape[axis]} items)`,
      );
    }
    node.forEach((child, i) => walk(child, axis + 1, `${path}[${i}]`));
  };
  walk(data, 0, '');
  return { shape, leaves };
}

function inferDtype(leaves: unknown[], op: string): Dtype {
  let allBool = leaves.length > 0;
  let anyBigint = false;
  let allInt = true;
  let fitsInt32 = true;
  for (const [i, leaf] of leaves.entries()) {
    if (typeof leaf === 'boolean') continue;
    allBool = false;
    if (typeof leaf === 'bigint') {
      anyBigint = true;
      continue;
    }
    if (typeof leaf !== 'number') {
      throw new TypeError(`[${op}] parameter 'data': element ${i} is ${typeof leaf}; expected numbers, booleans or bigints`);
    }
    if (!Number.isInteger(leaf)) allInt = false;
    else if (leaf < -2147483648 || leaf > 2147483647) fitsInt32 = false;
  }
  if (allBool) return bool;
  if (anyBigint) return int64;
  // Integers never silently become float32: [1, 2] is int32 (int64 when a value needs it), like MLX's Python API.
  if (allInt) return fitsInt32 ? int32 : int64;
  return float32;
}

function leavesToTyped(leaves: unknown[], dtype: Dtype): TypedArray {
  if (leaves.some((v) => typeof v === 'bigint')) {
    const out = new BigInt64Array(leaves.length);
    leaves.forEach((v, i) => (out[i] = typeof v === 'bigint' ? v : BigInt(Math.trunc(Number(v)))));
    return out;
  }
  if (dtype === bool) return Uint8Array.from(leaves, (v) => (v ? 1 : 0));
  return Float64Array.from(leaves, (v) => Number(v));
}

/**
 * Makes an array from a JS number, boolean, bigint, nested list or TypedArray (copied). Without `dtype`:
 * booleans -> bool, integers -> int32 (int64 if out of range, or for bigint), other numbers -> float32,
 * TypedArrays -> their own type (Float64Array -> float32, as MLX's Python API does for float64 data).
 */
export function array(data: NestedList<number | boolean | bigint> | TypedArray | MxArray, dtype?: Dtype, options?: StreamOptions): MxArray {
  const op = 'array';
  if (dtype !== undefined && !isDtype(dtype)) {
    throw new TypeError(`[${op}] parameter 'dtype': expected an mx dtype such as mx.float32`);
  }
  if (isMxArray(data)) {
    return track(N.astype(data, (dtype ?? data.dtype).code, streamCode(options)) as MxArray);
  }
  if (typeof data === 'number' || typeof data === 'boolean' || typeof data === 'bigint') {
    const resolved = dtype ?? inferDtype([data], op);
    return track(N.scalar(data, resolved.code) as MxArray);
  }
  if (ArrayBuffer.isView(data) && !(data instanceof DataView)) {
    const typed = data as TypedArray;
    const resolved = dtype ?? defaultDtypeOfTyped(typed);
    return track(N.fromData(typed, [typed.length], resolved.code, false) as MxArray);
  }
  if (!Array.isArray(data)) {
    throw new TypeError(`[${op}] parameter 'data': expected a number, boolean, bigint, nested list or TypedArray`);
  }
  const { shape, leaves } = flattenNested(data, op);
  const resolved = dtype ?? inferDtype(leaves, op);
  return track(N.fromData(leavesToTyped(leaves, resolved), shape, resolved.code, false) as MxArray);
}

/**
 * Makes an array of `shape` from a flat TypedArray (copied). With `rawBits`, a Uint16Array holds float16 or
 * bfloat16 bit patterns (as `toTypedArray({ raw: true })` returns them).
 */
export function fromTypedArray(data: TypedArray, shape: number[], dtype?: Dtype, options?: { rawBits?: boolean }): MxArray {
  const op = 'array';
  if (!ArrayBuffer.isView(data)) throw new TypeError(`[${op}] parameter 'data': expected a TypedArray`);
  const expected = shape.reduce((a, b) => a * b, 1);
  if (!shape.every((d) => Number.isInteger(d) && d >= 0)) {
    throw new TypeError(`[${op}] parameter 'shape': expected non-negative integers, got [${shape.join(', ')}]`);
  }
  if (data.length !== expected) {
    throw new RangeError(`[${op}] parameter 'data': has ${data.length} elements, shape [${shape.join(', ')}] needs ${expected}`);
  }
  const resolved = dtype ?? defaultDtypeOfTyped(data);
  return track(N.fromData(data, shape, resolved.code, options?.rawBits === true) as MxArray);
}

export { bool, float32, float64, int32, int64, uint8, uint32 };
