// Evaluation and memory.
import { loadAddon } from './load.js';
import { isMxArray, type MxArray } from './array.js';

const N = loadAddon().addon;

function gather(values: unknown[], op: string): MxArray[] {
  const out: MxArray[] = [];
  const visit = (value: unknown, path: string, depth: number): void => {
    if (isMxArray(value)) {
      if (value.isDisposed) throw new TypeError(`[${op}] parameter '${path}': array has been disposed`);
      out.push(value);
    } else if (Array.isArray(value) && depth < 8) {
      value.forEach((item, i) => visit(item, `${path}[${i}]`, depth + 1));
    } else if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype && depth < 8) {
      for (const [key, item] of Object.entries(value)) visit(item, `${path}.${key}`, depth + 1);
    } else if (value !== undefined && value !== null) {
      throw new TypeError(`[${op}] parameter '${path}': expected mx arrays (or lists / objects of them)`);
    }
  };
  values.forEach((value, i) => visit(value, `arrays[${i}]`, 0));
  return out;
}

/** Computes the given arrays (and lists / plain objects of arrays) now, blocking until done. */
export function evaluate(...arrays: unknown[]): void {
  const list = gather(arrays, 'eval');
  if (list.length) N.eval(list);
}

/**
 * Schedules the arrays and resolves when they are computed. The graph is built and scheduled on this (main) thread;
 * only the waiting happens on a worker thread, so the event loop keeps running.
 */
export function asyncEval(...arrays: unknown[]): Promise<void> {
  const list = gather(arrays, 'async_eval');
  if (!list.length) return Promise.resolve();
  return N.asyncEval(list) as Promise<void>;
}

export const getActiveMemory = (): number => N.getActiveMemory() as number;
export const getPeakMemory = (): number => N.getPeakMemory() as number;
export const getCacheMemory = (): number => N.getCacheMemory() as number;
export const getMemoryLimit = (): number => N.getMemoryLimit() as number;
export const resetPeakMemory = (): void => void N.resetPeakMemory();
export const clearCache = (): void => void N.clearCache();
function checkBytes(op: string, bytes: number): number {
  if (!Number.isSafeInteger(bytes) || bytes < 0) throw new TypeError(`[${op}] parameter 'bytes': expected a non-negative integer`);
  return bytes;
}
/** Sets the memory limit (bytes) and returns the previous one. */
export const setMemoryLimit = (bytes: number): number => N.setMemoryLimit(checkBytes('set_memory_limit', bytes)) as number;
/** Sets the buffer-cache limit (bytes) and returns the previous one. */
export const setCacheLimit = (bytes: number): number => N.setCacheLimit(checkBytes('set_cache_limit', bytes)) as number;
/** The version of the loaded libmlx. */
export const version = (): string => N.version() as string;
