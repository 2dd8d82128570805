// Argument checks shared by every op wrapper. Errors start with the op's MLX name and name the parameter:
// "[matmul] parameter 'b': expected an mx array, got number".
import { isDtype, type Dtype } from './dtype.js';
import { isMxArray, type MxArray } from './array.js';

export type Scalar = number | boolean;
export type ArrayOrScalar = MxArray | Scalar;

export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a JS array';
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'object';
  return typeof value;
}

export function argError(op: string, name: string, message: string): Error {
  return new TypeError(`[${op}] parameter '${name}': ${message}`);
}

export function checkArray(op: string, name: string, value: unknown): MxArray {
  if (!isMxArray(value)) throw argError(op, name, `expected an mx array, got ${describeValue(value)}`);
  if (value.isDisposed) throw argError(op, name, 'array has been disposed');
  return value;
}

export function checkOptionalArray(op: string, name: string, value: unknown): MxArray | undefined {
  return value === undefined || value === null ? undefined : checkArray(op, name, value);
}

export function checkArrayOrScalar(op: string, name: string, value: unknown): ArrayOrScalar {
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  return checkArray(op, name, value);
}

export function checkArrayList(op: string, name: string, value: unknown): MxArray[] {
  if (!Array.isArray(value)) throw argError(op, name, `expected a list of mx arrays, got ${describeValue(value)}`);
  return value.map((item, i) => checkArray(op, `${name}[${i}]`, item));
}

export function checkInt(op: string, name: string, value: unknown, min = -2147483648): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > 2147483647) {
    const range = min === 0 ? 'a non-negative integer' : min === 1 ? 'a positive integer' : 'an integer';
    throw argError(op, name, `expected ${range}, got ${typeof value === 'number' ? value : describeValue(value)}`);
  }
  return value;
}

export function checkOptionalInt(op: string, name: string, value: unknown, min?: number): number | undefined {
  return value === undefined || value === null ? undefined : checkInt(op, name, value, min);
}

export function checkNumber(op: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || Number.isNaN(value)) {
    throw argError(op, name, `expected a number, got ${describeValue(value)}`);
  }
  return value;
}

export function checkBool(op: string, name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw argError(op, name, `expected a boolean, got ${describeValue(value)}`);
  return value;
}

export function checkShape(op: string, name: string, value: unknown): number[] {
  const list = typeof value === 'number' ? [value] : value;
  if (!Array.isArray(list)) throw argError(op, name, `expected a shape (list of integers), got ${describeValue(value)}`);
  return list.map((dim, i) => checkInt(op, `${name}[${i}]`, dim, 0));
}

export function checkIntList(op: string, name: string, value: unknown): number[] {
  const list = typeof value === 'number' ? [value] : value;
  if (!Array.isArray(list)) throw argError(op, name, `expected a list of integers, got ${describeValue(value)}`);
  return list.map((item, i) => checkInt(op, `${name}[${i}]`, item));
}

export function checkAxes(op: string, name: string, value: unknown): number[] | undefined {
  return value === undefined || value === null ? undefined : checkIntList(op, name, value);
}

export function checkDtype(op: string, name: string, value: unknown): Dtype {
  if (!isDtype(value)) throw argError(op, name, `expected an mx dtype such as mx.float32, got ${describeValue(value)}`);
  return value;
}

export function checkString<T extends string>(op: string, name: string, value: unknown, allowed?: readonly T[]): T {
  if (typeof value !== 'string') throw argError(op, name, `expected a string, got ${describeValue(value)}`);
  if (allowed && !allowed.includes(value as T)) {
    throw argError(op, name, `expected one of ${allowed.map((a) => `'${a}'`).join(', ')}, got '${value}'`);
  }
  return value as T;
}
