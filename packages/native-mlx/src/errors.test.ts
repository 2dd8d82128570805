// Bad input gives a clear Error that names the op and the parameter; never a crash or an abort.
import { describe, expect, it } from 'vitest';
import { mx } from './mx.js';

describe('errors', () => {
  it('MLX exceptions become Errors that start with the op name', () => {
    const a = mx.zeros([2, 3]);
    expect(() => mx.matmul(a, a)).toThrow(/^\[matmul\] /);
    expect(() => mx.add(mx.zeros([2, 2]), mx.zeros([2, 3]))).toThrow(/^\[add\] .*cannot be broadcast/);
    expect(() => mx.reshape(mx.zeros([2, 3]), [4, 2])).toThrow(/^\[reshape\] /);
    expect(() => mx.concatenate([mx.zeros([2, 3]), mx.zeros([2, 4])], 0)).toThrow(/^\[concatenate\] /);
    expect(() => mx.fast.rmsNorm(mx.zeros([2, 4]), mx.ones([3]), 1e-6)).toThrow(/^\[rms_norm\] /);
    expect(() => mx.quantize(mx.zeros([4, 30]), { groupSize: 64, bits: 4 })).toThrow(/^\[quantize\] /);
  });

  it('a disposed array gives a clear error, in ops and in methods', () => {
    const a = mx.array([1, 2, 3]);
    a.dispose();
    a.dispose(); // idempotent
    expect(a.isDisposed).toBe(true);
    expect(() => mx.add(a, 1)).toThrow("[add] parameter 'a': array has been disposed");
    expect(() => a.tolist()).toThrow(/\[to_typed_array\] array has been disposed/);
    expect(() => a.shape).toThrow(/\[shape\] array has been disposed/);
    expect(() => mx.eval(a)).toThrow(/\[eval\] parameter 'arrays\[0\]': array has been disposed/);
    expect(String(a)).toBe('array(<disposed>)');
  });

  it('wrong argument kinds name the parameter', () => {
    const a = mx.ones([2, 2]);
    expect(() => mx.matmul(a, 3 as never)).toThrow("[matmul] parameter 'b': expected an mx array, got number");
    expect(() => mx.zeros([2, -1])).toThrow("[zeros] parameter 'shape[1]': expected a non-negative integer, got -1");
    expect(() => mx.zeros([2.5])).toThrow(/parameter 'shape\[0\]'/);
    expect(() => mx.astype(a, 'float32' as never)).toThrow("[astype] parameter 'dtype': expected an mx dtype such as mx.float32, got string");
    expect(() => mx.sum(a, 'x' as never)).toThrow(/\[sum\] parameter 'axis'/);
    expect(() => mx.softmax(a, -1, 'yes' as never)).toThrow("[softmax] parameter 'precise': expected a boolean, got string");
    expect(() => mx.pad(a, [1, 1], 0, 'reflect' as never)).toThrow(/\[pad\] parameter 'mode': expected one of 'constant', 'edge'/);
    expect(() => mx.fast.rope(a, 2, { traditional: false })).toThrow(/\[rope\] parameter 'base'/);
    expect(() => mx.arange(0, 4, 0)).toThrow("[arange] parameter 'step': must not be 0");
    expect(() => mx.fromTypedArray(new Float32Array(5), [2, 3])).toThrow(/parameter 'data': has 5 elements, shape \[2, 3\] needs 6/);
    expect(() => mx.fromTypedArray(new Float32Array(2), [2], mx.float16, { rawBits: true })).toThrow(/\[array\] raw bits need a Uint16Array/);
  });

  it('the native layer also refuses foreign objects without crashing', async () => {
    const { loadAddon } = await import('./load.js');
    const raw = loadAddon().addon;
    expect(() => raw.add({ shape: [1] }, 1, -1)).toThrow(/\[add\] argument 0: expected an mx array/);
    expect(() => raw.reshape(mx.ones([2]), 'x', -1)).toThrow(/\[reshape\] argument 1: expected a list of integers/);
    expect(() => raw.zeros([2], 99, -1)).toThrow(/\[zeros\] unknown dtype code 99/);
  });

  it('errors inside tidy free the scope and propagate', () => {
    const before = mx.getActiveMemory();
    expect(() =>
      mx.tidy(() => {
        const big = mx.ones([1024, 256]);
        mx.eval(big);
        return mx.matmul(big, big);
      }),
    ).toThrow(/^\[matmul\]/);
    expect(mx.getActiveMemory()).toBe(before);
  });

  it('tidy refuses async functions', () => {
    expect(() => mx.tidy((async () => mx.ones([1])) as never)).toThrow(/\[tidy\] parameter 'fn': must be synchronous/);
  });
});
