// Bit packing of b-bit codebook indices and of QJL sign bits into Uint32 words. ONE layout, shared with the
// native kernels:
//
// - A row (one vector) of d indices of b bits (b = 1..8) occupies wordsPerRow = ceil(d * b / 32) words; every row
//   starts at a fresh word (row stride = wordsPerRow words).
// - Within a row the indices form a little-endian bit stream: index i occupies stream bits [i*b, i*b + b), that is
//   word floor(i*b / 32) starting at bit (i*b mod 32) counted from the least significant bit; when it crosses the
//   word's end (possible for b = 3, 5, 6, 7) its high bits continue in the low bits of the next word.
// - Bits past d*b in the last word of a row are zero.
// - QJL sign bits are the b = 1 case with bit 1 meaning +1 and bit 0 meaning -1; sign(0) is +1.

import { validateBits } from './codebook.js';
import { validatePositiveInteger } from './linalg.js';

/** Number of Uint32 words that hold one row of `dim` indices of `bits` bits: ceil(dim * bits / 32). */
export function packedWordsPerRow(dim: number, bits: number): number {
  validatePositiveInteger(dim, 'dim');
  validateBits(bits);
  return Math.ceil((dim * bits) / 32);
}

function validateRows(count: number, dim: number, length: number, name: string): void {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a non-negative integer (got ${String(count)})`);
  if (length !== count * dim) {
    throw new RangeError(`${name} must hold count * dim = ${count * dim} entries (got ${length})`);
  }
}

/**
 * Packs a row-major (count, dim) array of indices in [0, 2^bits) into count * packedWordsPerRow(dim, bits) words.
 */
export function packIndices(indices: ArrayLike<number>, count: number, dim: number, bits: number): Uint32Array {
  const wordsPerRow = packedWordsPerRow(dim, bits);
  validateRows(count, dim, indices.length, 'indices');
  const limit = 1 << bits;
  const words = new Uint32Array(count * wordsPerRow);
  for (let row = 0; row < count; row++) {
    const wordBase = row * wordsPerRow;
    const indexBase = row * dim;
    for (let i = 0; i < dim; i++) {
      const value = indices[indexBase + i]!;
      if (!Number.isInteger(value) || value < 0 || value >= limit) {
        throw new RangeError(`indices[${indexBase + i}] must be an integer in [0, ${limit}) for bits=${bits} (got ${value})`);
      }
      const bitPosition = i * bits;
      const word = wordBase + (bitPosition >>> 5);
      const shift = bitPosition & 31;
      words[word] = words[word]! | (value << shift);
      if (shift + bits > 32) words[word + 1] = words[word + 1]! | (value >>> (32 - shift));
    }
  }
  return words;
}

/** Inverse of {@link packIndices}: a row-major (count, dim) Uint8Array of indices. */
export function unpackIndices(words: Uint32Array, count: number, dim: number, bits: number): Uint8Array {
  const wordsPerRow = packedWordsPerRow(dim, bits);
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a non-negative integer (got ${String(count)})`);
  if (words.length !== count * wordsPerRow) {
    throw new RangeError(`words must hold count * packedWordsPerRow(dim, bits) = ${count * wordsPerRow} words (got ${words.length})`);
  }
  const mask = (1 << bits) - 1;
  const out = new Uint8Array(count * dim);
  for (let row = 0; row < count; row++) {
    const wordBase = row * wordsPerRow;
    for (let i = 0; i < dim; i++) {
      const bitPosition = i * bits;
      const word = wordBase + (bitPosition >>> 5);
      const shift = bitPosition & 31;
      let value = words[word]! >>> shift;
      if (shift + bits > 32) value |= words[word + 1]! << (32 - shift);
      out[row * dim + i] = value & mask;
    }
  }
  return out;
}

/**
 * Packs signs (any numbers; >= 0 means +1, < 0 means -1) of a row-major (count, dim) array as 1-bit words
 * (bit 1 = +1), count * ceil(dim / 32) words.
 */
export function packSigns(signs: ArrayLike<number>, count: number, dim: number): Uint32Array {
  const wordsPerRow = packedWordsPerRow(dim, 1);
  validateRows(count, dim, signs.length, 'signs');
  const words = new Uint32Array(count * wordsPerRow);
  for (let row = 0; row < count; row++) {
    const wordBase = row * wordsPerRow;
    for (let i = 0; i < dim; i++) {
      // NaN counts as +1 too, like sign(0): only a definite negative clears the bit.
      if (!(signs[row * dim + i]! < 0)) {
        const word = wordBase + (i >>> 5);
        words[word] = words[word]! | (1 << (i & 31));
      }
    }
  }
  return words;
}

/** Inverse of {@link packSigns}: a row-major (count, dim) Int8Array of +1 / -1. */
export function unpackSigns(words: Uint32Array, count: number, dim: number): Int8Array {
  const wordsPerRow = packedWordsPerRow(dim, 1);
  if (words.length !== count * wordsPerRow) {
    throw new RangeError(`words must hold count * ceil(dim / 32) = ${count * wordsPerRow} words (got ${words.length})`);
  }
  const out = new Int8Array(count * dim);
  for (let row = 0; row < count; row++) {
    const wordBase = row * wordsPerRow;
    for (let i = 0; i < dim; i++) {
      out[row * dim + i] = (words[wordBase + (i >>> 5)]! >>> (i & 31)) & 1 ? 1 : -1;
    }
  }
  return out;
}
