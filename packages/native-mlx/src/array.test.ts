import { describe, expect, it } from 'vitest';
import { mx } from './mx.js';

describe('mx.array dtype inference', () => {
  it.each([
    ['integers -> int32', [1, 2, 3], 'int32'],
    ['large integers -> int64', [1, 2 ** 40], 'int64'],
    ['fractions -> float32', [1, 2.5], 'float32'],
    ['booleans -> bool', [true, false], 'bool'],
    ['bigints -> int64', [1n, 2n], 'int64'],
    ['scalar integer -> int32', 7, 'int32'],
    ['scalar float -> float32', 0.5, 'float32'],
  ] as const)('%s', (_name, data, dtype) => {
    expect(mx.array(data as never).dtype.name).toBe(dtype);
  });

  it.each([
    ['Float32Array', new Float32Array([1.5]), 'float32'],
    ['Float64Array', new Float64Array([1.5]), 'float32'],
    ['Int32Array', new Int32Array([1]), 'int32'],
    ['Uint32Array', new Uint32Array([1]), 'uint32'],
    ['Uint8Array', new Uint8Array([1]), 'uint8'],
    ['Int16Array', new Int16Array([1]), 'int16'],
    ['BigInt64Array', new BigInt64Array([1n]), 'int64'],
    ['BigUint64Array', new BigUint64Array([1n]), 'uint64'],
  ] as const)('TypedArray %s keeps its type', (_name, data, dtype) => {
    expect(mx.array(data).dtype.name).toBe(dtype);
  });

  it('an explicit dtype converts', () => {
    const a = mx.array([[1, 2], [3, 4]], mx.float16);
    expect(a.dtype).toBe(mx.float16);
    expect(a.shape).toEqual([2, 2]);
    expect(a.tolist()).toEqual([[1, 2], [3, 4]]);
  });

  it('rejects ragged nested lists, naming the position', () => {
    expect(() => mx.array([[1, 2], [3]])).toThrow(/\[array\] parameter 'data': ragged nested list at \[1\]/);
  });
});

describe('reading values back', () => {
  it('item, tolist and toTypedArray', () => {
    const a = mx.array([[1, 2, 3], [4, 5, 6]], mx.int32);
    expect(a.tolist()).toEqual([[1, 2, 3], [4, 5, 6]]);
    expect(Array.from(a.toTypedArray() as Int32Array)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(mx.sum(a).item()).toBe(21);
    expect(mx.array(true).item()).toBe(true);
    expect(mx.array([true, false]).tolist()).toEqual([true, false]);
    expect(() => a.item()).toThrow(/\[item\] can only convert an array of size 1/);
  });

  it('float16 / bfloat16 come back as Float32Array, or raw bits on request', () => {
    const h = mx.array([1, -2, 0.5], mx.float16);
    expect(Array.from(h.toTypedArray() as Float32Array)).toEqual([1, -2, 0.5]);
    const bits = h.toTypedArray({ raw: true });
    expect(bits).toBeInstanceOf(Uint16Array);
    expect(Array.from(bits as Uint16Array)).toEqual([0x3c00, 0xc000, 0x3800]);
    const b = mx.fromTypedArray(new Uint16Array([0x3f80, 0xc000]), [2], mx.bfloat16, { rawBits: true });
    expect(b.tolist()).toEqual([1, -2]);
  });

  it('int64 values beyond 2^32 survive exactly through BigInt64Array', () => {
    const big = [2n ** 40n + 3n, -(2n ** 50n) - 7n];
    const a = mx.array(new BigInt64Array(big));
    expect(Array.from(a.toTypedArray() as BigInt64Array)).toEqual(big);
  });

  it('non-contiguous results read back in logical order', () => {
    const a = mx.arange(6).reshape(2, 3);
    expect(a.T.tolist()).toEqual([[0, 3], [1, 4], [2, 5]]);
    expect(mx.slice(a, [0, 2], [2, -4], [1, -2]).tolist()).toEqual([[2, 0], [5, 3]]);
  });

  it('array methods compose ops', () => {
    const a = mx.arange(1, 7, 1, mx.float32).reshape([2, 3]);
    expect(a.sum(1).tolist()).toEqual([6, 15]);
    expect(a.add(1).multiply(2).max().item()).toBe(14);
    expect(a.matmul(a.T).tolist()).toEqual([[14, 32], [32, 77]]);
    expect(a.astype(mx.int32).dtype).toBe(mx.int32);
    expect(String(mx.array([1, 2]))).toMatch(/array\(\[1, 2\], dtype=int32\)/);
  });
});

describe('devices and streams', () => {
  it('the default device is usable and ops take a stream option', () => {
    const device = mx.defaultDevice();
    expect(['cpu', 'gpu']).toContain(device.type);
    const onCpu = mx.add(mx.array([1, 2]), 1, { stream: mx.cpu });
    expect(onCpu.tolist()).toEqual([2, 3]);
    const stream = mx.newStream(mx.cpu);
    expect(mx.multiply(mx.array([1, 2]), 3, { stream }).tolist()).toEqual([3, 6]);
    mx.synchronize(stream);
    mx.synchronize();
    expect(mx.isAvailable(mx.cpu)).toBe(true);
    expect(typeof mx.metal.isAvailable()).toBe('boolean');
    expect(typeof mx.cuda.isAvailable()).toBe('boolean');
  });

  it('rejects an unknown stream option, naming it', () => {
    expect(() => mx.add(mx.array([1]), 1, { stream: { type: 'tpu' } as never })).toThrow(/parameter 'stream'/);
  });
});
