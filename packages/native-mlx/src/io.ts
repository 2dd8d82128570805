// safetensors I/O. Loading checks the header against the file before MLX sees it (MLX reads tensor data lazily,
// so a truncated file would otherwise fail late, mid-computation); saving is atomic: a temp file in the same
// folder, fsync, rename, fsync of the folder.
import { closeSync, fstatSync, fsyncSync, openSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { loadAddon } from './load.js';
import { streamCode, type StreamOptions } from './device.js';
import type { MxArray } from './array.js';
import { track } from './tidy.js';
import { checkArray } from './validate.js';

const N = loadAddon().addon;

/** Element sizes of the safetensors dtypes MLX can load. */
const SAFETENSORS_DTYPE_SIZES: Record<string, number> = {
  BOOL: 1, U8: 1, I8: 1, U16: 2, I16: 2, F16: 2, BF16: 2, U32: 4, I32: 4, F32: 4, U64: 8, I64: 8, F64: 8, C64: 8,
};
/** Largest header we accept (safetensors' own reference limit is 100 MB). */
const MAX_HEADER_BYTES = 100_000_000;

export interface SafetensorsTensorInfo {
  dtype: string;
  shape: number[];
  /** Byte range [begin, end) within the data section. */
  dataOffsets: [number, number];
}

export interface SafetensorsHeader {
  tensors: Record<string, SafetensorsTensorInfo>;
  metadata: Record<string, string>;
  /** Bytes before the data section: 8 + header length. */
  dataStart: number;
  fileSize: number;
}

function fail(path: string, problem: string): never {
  throw new Error(`[load_safetensors] ${path}: ${problem}`);
}

/** Reads and checks a safetensors header: JSON, dtypes, shapes, offsets within the file. Reads no tensor data. */
export function readSafetensorsHeader(path: string): SafetensorsHeader {
  if (typeof path !== 'string' || path.length === 0) {
    throw new TypeError(`[load_safetensors] parameter 'path': expected a file path, got ${typeof path}`);
  }
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    fail(path, code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory, not a file' : `cannot open (${code})`);
  }
  try {
    const fileSize = fstatSync(fd).size;
    if (fileSize < 8) fail(path, `truncated: ${fileSize} bytes, shorter than the 8-byte header length`);
    const lengthBytes = Buffer.alloc(8);
    readSync(fd, lengthBytes, 0, 8, 0);
    const headerLength = Number(lengthBytes.readBigUInt64LE(0));
    if (headerLength > MAX_HEADER_BYTES) fail(path, `header length ${headerLength} is implausible (corrupted file?)`);
    if (8 + headerLength > fileSize) fail(path, `truncated: header needs ${8 + headerLength} bytes, file has ${fileSize}`);
    const headerBytes = Buffer.alloc(headerLength);
    readSync(fd, headerBytes, 0, headerLength, 8);
    let header: unknown;
    try {
      header = JSON.parse(headerBytes.toString('utf8'));
    } catch {
      fail(path, 'header is not valid JSON (corrupted file?)');
    }
    if (typeof header !== 'object' || header === null || Array.isArray(header)) fail(path, 'header is not a JSON object');
    const dataStart = 8 + headerLength;
    const dataSize = fileSize - dataStart;
    const tensors: Record<string, SafetensorsTensorInfo> = {};
    let metadata: Record<string, string> = {};
    for (const [name, entry] of Object.entries(header as Record<string, unknown>)) {
      if (name === '__metadata__') {
        if (entry === null) continue; // MLX writes null when there is no metadata
        if (typeof entry !== 'object') fail(path, '__metadata__ is not an object');
        for (const [key, value] of Object.entries(entry as Record<string, unknown>)) {
          if (typeof value !== 'string') fail(path, `metadata '${key}' is not a string`);
        }
        metadata = entry as Record<string, string>;
        continue;
      }
      const info = entry as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
      if (typeof info !== 'object' || info === null) fail(path, `tensor '${name}' has no description`);
      const size = typeof info.dtype === 'string' ? SAFETENSORS_DTYPE_SIZES[info.dtype] : undefined;
      if (size === undefined) fail(path, `tensor '${name}' has unsupported dtype ${JSON.stringify(info.dtype)}`);
      if (!Array.isArray(info.shape) || !info.shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
        fail(path, `tensor '${name}' has an invalid shape ${JSON.stringify(info.shape)}`);
      }
      const offsets = info.data_offsets;
      if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((o) => Number.isSafeInteger(o) && o >= 0) || offsets[0] > offsets[1]) {
        fail(path, `tensor '${name}' has invalid data_offsets ${JSON.stringify(offsets)}`);
      }
      const [begin, end] = offsets as [number, number];
      const expected = (info.shape as number[]).reduce((a, b) => a * b, 1) * size;
      if (end - begin !== expected) {
        fail(path, `tensor '${name}' (${info.dtype} [${(info.shape as number[]).join(', ')}]) needs ${expected} bytes but data_offsets span ${end - begin}`);
      }
      if (end > dataSize) fail(path, `truncated: tensor '${name}' ends at byte ${dataStart + end}, file has ${fileSize}`);
      tensors[name] = { dtype: info.dtype as string, shape: info.shape as number[], dataOffsets: [begin, end] };
    }
    return { tensors, metadata, dataStart, fileSize };
  } finally {
    closeSync(fd);
  }
}

export interface SafetensorsContents {
  arrays: Record<string, MxArray>;
  metadata: Record<string, string>;
}

/** Loads every tensor of a safetensors file (lazily: data is read when an array is first evaluated). */
export function loadSafetensors(path: string, o?: StreamOptions): SafetensorsContents {
  readSafetensorsHeader(path);
  const result = N.loadSafetensors(path, streamCode(o)) as SafetensorsContents;
  for (const array of Object.values(result.arrays)) track(array);
  return result;
}

let tempCounter = 0;

/**
 * Writes arrays and string metadata to `path` atomically: readers see the old file or the complete new one,
 * never a partial write. The path is used as given (no extension is added).
 */
export function saveSafetensors(path: string, arrays: Record<string, MxArray>, metadata: Record<string, string> = {}): void {
  const op = 'save_safetensors';
  if (typeof path !== 'string' || path.length === 0) throw new TypeError(`[${op}] parameter 'path': expected a file path`);
  if (typeof arrays !== 'object' || arrays === null) throw new TypeError(`[${op}] parameter 'arrays': expected an object of mx arrays`);
  for (const [name, array] of Object.entries(arrays)) checkArray(op, `arrays.${name}`, array);
  for (const [key, value] of Object.entries(metadata ?? {})) {
    if (typeof value !== 'string') throw new TypeError(`[${op}] parameter 'metadata': value of '${key}' must be a string`);
  }
  const folder = dirname(path);
  try {
    if (!statSync(folder).isDirectory()) throw new Error('not a directory');
  } catch {
    throw new Error(`[${op}] ${path}: folder ${folder} does not exist`);
  }
  // MLX appends ".safetensors" to names without it, so the temp name ends with it.
  const temp = join(folder, `.${basename(path)}.${process.pid}.${tempCounter++}.tmp.safetensors`);
  try {
    N.saveSafetensors(temp, arrays, metadata ?? {});
    const fd = openSync(temp, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  try {
    const dirFd = openSync(folder, 'r');
    try {
      fsyncSync(dirFd);
    } finally {
      closeSync(dirFd);
    }
  } catch {
    // Some filesystems refuse fsync on a directory; the rename itself is still atomic.
  }
}
