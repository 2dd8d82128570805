import { mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync, copyFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mx } from './mx.js';

const dir = mkdtempSync(join(tmpdir(), 'turbomlx-io-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function sample() {
  return {
    weights: mx.array([[1.5, -2.25, 3], [0.125, 1e4, -7]], mx.bfloat16),
    half: mx.array([0.5, -65504, 1e-3], mx.float16),
    single: mx.array([Math.PI, -1e-30, 3e38], mx.float32),
    ids: mx.array(new BigInt64Array([2n ** 40n + 1n, -(2n ** 62n), 0n])),
    packed: mx.array(new Uint32Array([0xffffffff, 0x80000001, 7])),
    flags: mx.array([true, false, true]),
    empty: mx.zeros([0, 4], mx.float32),
  };
}

describe('safetensors', () => {
  it('round trips every dtype exactly, with string metadata', () => {
    const path = join(dir, 'round-trip.safetensors');
    const arrays = sample();
    const metadata = { format: 'mlx', note: 'ünïcode ✓', json: JSON.stringify({ a: 1 }) };
    mx.saveSafetensors(path, arrays, metadata);
    const loaded = mx.loadSafetensors(path);
    expect(loaded.metadata).toEqual(metadata);
    expect(Object.keys(loaded.arrays).sort()).toEqual(Object.keys(arrays).sort());
    for (const [name, original] of Object.entries(arrays)) {
      const back = loaded.arrays[name]!;
      expect(back.dtype, name).toBe(original.dtype);
      expect(back.shape, name).toEqual(original.shape);
      const raw = original.dtype === mx.bfloat16 || original.dtype === mx.float16;
      expect(Array.from(back.toTypedArray({ raw }) as ArrayLike<unknown>), name).toEqual(
        Array.from(original.toTypedArray({ raw }) as ArrayLike<unknown>),
      );
    }
    expect(loaded.arrays.ids!.toTypedArray()).toEqual(new BigInt64Array([2n ** 40n + 1n, -(2n ** 62n), 0n]));
  });

  it('reads the header without loading data', () => {
    const path = join(dir, 'header.safetensors');
    mx.saveSafetensors(path, { w: mx.zeros([3, 5], mx.bfloat16) }, { k: 'v' });
    const header = mx.readSafetensorsHeader(path);
    expect(header.tensors.w).toEqual({ dtype: 'BF16', shape: [3, 5], dataOffsets: [0, 30] });
    expect(header.metadata).toEqual({ k: 'v' });
    expect(header.fileSize).toBe(statSync(path).size);
  });

  it('refuses a missing file, naming it', () => {
    const path = join(dir, 'nope.safetensors');
    expect(() => mx.loadSafetensors(path)).toThrow(`[load_safetensors] ${path}: file not found`);
  });

  it('refuses every truncation with a clear error, never a crash', () => {
    const path = join(dir, 'whole.safetensors');
    mx.saveSafetensors(path, { a: mx.ones([16, 16]), b: mx.arange(10) });
    const size = statSync(path).size;
    const cut = join(dir, 'cut.safetensors');
    for (const length of [0, 4, 8, 9, 20, 60, size - 41, size - 1]) {
      copyFileSync(path, cut);
      truncateSync(cut, length);
      expect(() => mx.loadSafetensors(cut), `truncated to ${length} of ${size}`).toThrow(/\[load_safetensors\] .*truncated/);
    }
  });

  it('refuses corrupted headers', () => {
    const good = readFileSync(join(dir, 'whole.safetensors'));
    const headerLength = Number(good.readBigUInt64LE(0));
    const header = good.subarray(8, 8 + headerLength).toString('utf8');
    const write = (name: string, text: string, data = good.subarray(8 + headerLength)) => {
      const h = Buffer.from(text, 'utf8');
      const len = Buffer.alloc(8);
      len.writeBigUInt64LE(BigInt(h.length));
      const path = join(dir, name);
      writeFileSync(path, Buffer.concat([len, h, data]));
      return path;
    };
    expect(() => mx.loadSafetensors(write('json.safetensors', header.replace('{', '[')))).toThrow(/not valid JSON|not a JSON object/);
    expect(() => mx.loadSafetensors(write('dtype.safetensors', header.replace('"F32"', '"F8_E4M3"')))).toThrow(/unsupported dtype "F8_E4M3"/);
    expect(() => mx.loadSafetensors(write('shape.safetensors', header.replace('[16,16]', '[16,17]')))).toThrow(/needs 1088 bytes but data_offsets span 1024/);
    const huge = Buffer.alloc(8);
    huge.writeBigUInt64LE(2n ** 40n);
    writeFileSync(join(dir, 'huge.safetensors'), Buffer.concat([huge, Buffer.from('{}')]));
    expect(() => mx.loadSafetensors(join(dir, 'huge.safetensors'))).toThrow(/header length .* is implausible/);
  });

  it('saves atomically: overwrites completely, leaves no temp files, refuses a missing folder', () => {
    const path = join(dir, 'atomic.safetensors');
    mx.saveSafetensors(path, { x: mx.ones([1000]) });
    mx.saveSafetensors(path, { y: mx.zeros([3]) });
    expect(Object.keys(mx.loadSafetensors(path).arrays)).toEqual(['y']);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]);
    expect(() => mx.saveSafetensors(join(dir, 'missing', 'x.safetensors'), { y: mx.zeros([1]) })).toThrow(/folder .* does not exist/);
    expect(() => mx.saveSafetensors(path, { y: 3 as never })).toThrow("[save_safetensors] parameter 'arrays.y': expected an mx array, got number");
    expect(() => mx.saveSafetensors(path, { y: mx.zeros([1]) }, { n: 1 as never })).toThrow(/value of 'n' must be a string/);
    expect(Object.keys(mx.loadSafetensors(path).arrays)).toEqual(['y']);
  });
});
