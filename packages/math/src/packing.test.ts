import { describe, expect, it } from 'vitest';
import { packIndices, packSigns, packedWordsPerRow, unpackIndices, unpackSigns } from './packing.js';
import { createRng } from './rng.js';

/** Independent reference: each row as one BigInt bit stream sum(idx_i << (i*b)), cut into 32-bit words. */
function referencePack(indices: Uint8Array, count: number, dim: number, bits: number): Uint32Array {
  const wordsPerRow = Math.ceil((dim * bits) / 32);
  const out = new Uint32Array(count * wordsPerRow);
  for (let row = 0; row < count; row++) {
    let stream = 0n;
    for (let i = 0; i < dim; i++) stream |= BigInt(indices[row * dim + i]!) << BigInt(i * bits);
    for (let w = 0; w < wordsPerRow; w++) out[row * wordsPerRow + w] = Number((stream >> BigInt(32 * w)) & 0xffffffffn);
  }
  return out;
}

const BITS = [1, 2, 3, 4, 5, 6, 7, 8];
const DIMS = [1, 31, 32, 33, 64, 257];
const grid = BITS.flatMap((bits) => DIMS.map((dim) => [bits, dim] as const));

describe('packing', () => {
  it.each(grid)('pack/unpack bits=%i d=%i', (bits, dim) => {
    const count = 3;
    const rng = createRng(bits * 1000 + dim);
    const indices = Uint8Array.from({ length: count * dim }, () => rng.nextUint32() % (1 << bits));
    // Make sure the extreme values appear.
    indices[0] = (1 << bits) - 1;
    indices[indices.length - 1] = (1 << bits) - 1;
    const words = packIndices(indices, count, dim, bits);
    expect(words.length).toBe(count * Math.ceil((dim * bits) / 32));
    expect(Array.from(words)).toEqual(Array.from(referencePack(indices, count, dim, bits)));
    expect(Array.from(unpackIndices(words, count, dim, bits))).toEqual(Array.from(indices));
  });

  it('layout: bits=3, indices [7, 0, 5] -> one word 0b101_000_111', () => {
    expect(Array.from(packIndices([7, 0, 5], 1, 3, 3))).toEqual([0b101000111]);
  });

  it('layout: bits=3 index 10 spills across the word boundary (bits 30..32)', () => {
    const indices = new Array<number>(11).fill(0);
    indices[10] = 0b101;
    // Low two bits (0b01) at bits 30-31 of word 0, the high bit (0b1) at bit 0 of word 1.
    expect(Array.from(packIndices(indices, 1, 11, 3))).toEqual([1 << 30, 1]);
  });

  it('layout: rows start at a fresh word (bits=4 d=9 -> 2 words per row)', () => {
    const words = packIndices([1, 2, 3, 4, 5, 6, 7, 8, 9, 15, 0, 0, 0, 0, 0, 0, 0, 1], 2, 9, 4);
    expect(Array.from(words)).toEqual([0x87654321, 0x9, 0x0000000f, 0x1]);
  });

  it('padding bits past d*b are zero', () => {
    const words = packIndices(new Array<number>(33).fill(1), 1, 33, 1);
    expect(Array.from(words)).toEqual([0xffffffff, 1]);
  });

  it.each([1, 31, 32, 33, 257])('signs: bit 1 = +1, sign(0) = +1 d=%i', (dim) => {
    const rng = createRng(dim);
    const values = Float64Array.from({ length: 2 * dim }, () => rng.nextGaussian());
    values[0] = 0;
    values[dim] = -0;
    const words = packSigns(values, 2, dim);
    expect(words.length).toBe(2 * Math.ceil(dim / 32));
    const signs = unpackSigns(words, 2, dim);
    for (let i = 0; i < 2 * dim; i++) expect(signs[i]).toBe(values[i]! < 0 ? -1 : 1);
    expect(signs[0]).toBe(1);
    expect(signs[dim]).toBe(1);
    // The same words as packing the 0/1 bits as 1-bit indices.
    const bitsAsIndices = Array.from(values, (value) => (value < 0 ? 0 : 1));
    expect(Array.from(words)).toEqual(Array.from(packIndices(bitsAsIndices, 2, dim, 1)));
  });

  it('packedWordsPerRow = ceil(d*b/32)', () => {
    expect(packedWordsPerRow(128, 4)).toBe(16);
    expect(packedWordsPerRow(128, 3)).toBe(12);
    expect(packedWordsPerRow(33, 1)).toBe(2);
    expect(packedWordsPerRow(257, 7)).toBe(57);
  });

  it('errors name the parameter', () => {
    expect(() => packIndices([0], 1, 1, 9)).toThrow(/bits must be an integer in 1\.\.8/);
    expect(() => packIndices([0], 1, 1, 0)).toThrow(/bits must be an integer in 1\.\.8/);
    expect(() => packIndices([8], 1, 1, 3)).toThrow(/indices\[0\] must be an integer in \[0, 8\) for bits=3/);
    expect(() => packIndices([0, 1], 1, 3, 3)).toThrow(/indices must hold count \* dim = 3/);
    expect(() => unpackIndices(new Uint32Array(3), 1, 33, 1)).toThrow(/words must hold/);
    expect(() => packedWordsPerRow(0, 3)).toThrow(/dim must be a positive integer/);
  });
});
