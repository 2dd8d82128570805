// Deterministic lifetimes. MLX buffers live outside V8's heap, so waiting for garbage collection to free them lets
// memory pile up (and a view kept alive defeats MLX's in-place slice_update). `tidy(fn)` frees every array the
// scope made and did not return; `dispose()` frees one at once.
import type { MxArray } from './array.js';

const scopes: Set<MxArray>[] = [];

/** Registers a new array with the innermost tidy scope, if any. Every op result passes through here. */
export function track<T extends MxArray>(array: T): T {
  scopes[scopes.length - 1]?.add(array);
  return array;
}

function collect(value: unknown, into: Set<MxArray>, isArray: (v: unknown) => v is MxArray, depth = 0): void {
  if (depth > 8 || value === null || typeof value !== 'object') return;
  if (isArray(value)) {
    into.add(value);
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) collect(item, into, isArray, depth + 1);
  } else if (value instanceof Map) {
    for (const item of value.values()) collect(item, into, isArray, depth + 1);
  } else if (Object.getPrototypeOf(value) === Object.prototype) {
    for (const item of Object.values(value)) collect(item, into, isArray, depth + 1);
  }
}

let isArrayCheck: (v: unknown) => v is MxArray = (_v: unknown): _v is MxArray => false;
export function setArrayCheck(check: (v: unknown) => v is MxArray): void {
  isArrayCheck = check;
}

/**
 * Runs `fn` and frees every array created inside it that is not part of its result (arrays found in the returned
 * value, also inside plain objects, lists and Maps, survive and move to the enclosing scope). Synchronous only:
 * an async function's arrays outlive the scope, so a returned Promise is refused.
 */
export function tidy<T>(fn: () => T): T {
  const scope = new Set<MxArray>();
  scopes.push(scope);
  let result: T;
  let ok = false;
  try {
    result = fn();
    ok = true;
  } finally {
    scopes.pop();
    const kept = new Set<MxArray>();
    // On an exception nothing is kept: the scope's arrays are all freed before the error propagates.
    if (ok) collect(result!, kept, isArrayCheck);
    const parent = scopes[scopes.length - 1];
    for (const array of scope) {
      if (kept.has(array)) parent?.add(array);
      else array.dispose();
    }
  }
  if (result! instanceof Promise) {
    throw new TypeError('[tidy] parameter \'fn\': must be synchronous (it returned a Promise); await outside the scope');
  }
  return result!;
}

/** Exempts arrays from every enclosing tidy scope, so they live until disposed or garbage collected. */
export function keep<T extends MxArray | MxArray[]>(arrays: T): T {
  const list = Array.isArray(arrays) ? arrays : [arrays];
  for (const scope of scopes) for (const array of list) scope.delete(array);
  return arrays;
}

/** Frees the given arrays (and arrays inside lists / plain objects) now. */
export function dispose(value: unknown): void {
  const found = new Set<MxArray>();
  collect(value, found, isArrayCheck);
  for (const array of found) array.dispose();
}
