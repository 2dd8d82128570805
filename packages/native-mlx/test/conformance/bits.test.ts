// Bit-level conformance for index packing: leftShift / rightShift / bitwiseAnd / bitwiseOr / bitwiseXor /
// bitwiseInvert on uint32 (including values >= 2^31), uint8, int32 and int64; a 4-bit index pack / unpack round
// trip built from those ops; `view` bit reinterpretation (float32 <-> uint32, uint32 -> uint8, float16 / bfloat16
// <-> uint16); and astype between integer and float dtypes. All exact, against JS integer arithmetic.
//
// Excluded cases:
//   - shift counts >= the bit width (undefined behaviour in C++, so MLX's result is unspecified);
//   - signed left shifts that overflow, and float -> integer casts of out-of-range values (undefined behaviour);
//   - NaN payloads through view (a JS number read of a Float32Array may canonicalise NaN bits).
import { describe, expect, it } from 'vitest';
import { mx } from '../../src/mx.js';
import type { Dtype, MxArray } from '../../src/index.js';
import { SIZES, intValues, mulberry32, seedOf, uniformValues } from './reference.js';

/** Random uint32 values covering the whole range (about half of them >= 2^31). */
function u32Values(n: number, seed: number): number[] {
  const next = mulberry32(seed);
  return Array.from({ length: n }, () => Math.floor(next() * 2 ** 32) >>> 0);
}

const u32 = (values: number[], shape = [values.length]): MxArray => mx.fromTypedArray(Uint32Array.from(values), shape, mx.uint32);
const asNumbers = (a: MxArray): number[] => Array.from(a.toTypedArray() as ArrayLike<number>);

describe('bitwise ops on uint32 (values >= 2^31 included)', () => {
  const OPS: { op: string; fn: (a: MxArray, b: MxArray | number) => MxArray; ref: (a: number, b: number) => number; shift?: boolean }[] = [
    { op: 'left_shift', fn: mx.leftShift, ref: (a, s) => (a << s) >>> 0, shift: true },
    { op: 'right_shift', fn: mx.rightShift, ref: (a, s) => a >>> s, shift: true },
    { op: 'bitwise_and', fn: mx.bitwiseAnd, ref: (a, b) => (a & b) >>> 0 },
    { op: 'bitwise_or', fn: mx.bitwiseOr, ref: (a, b) => (a | b) >>> 0 },
    { op: 'bitwise_xor', fn: mx.bitwiseXor, ref: (a, b) => (a ^ b) >>> 0 },
  ];
  for (const c of OPS) {
    for (const n of SIZES) {
      const name = `${c.op} dtype=uint32 n=${n}`;
      it(name, () => {
        mx.tidy(() => {
          const seed = seedOf(name);
          const a = u32Values(n, seed);
          a[0] = 0x80000000 + (a[0]! % 0x7fffffff); // at least one value with the top bit set
          const b = c.shift ? intValues(n, 0, 31, seed + 1) : u32Values(n, seed + 1);
          const out = c.fn(u32(a), u32(b));
          expect(out.dtype).toBe(mx.uint32);
          expect(asNumbers(out)).toEqual(a.map((x, i) => c.ref(x, b[i]!)));
        });
      });
    }
    // A JS number operand keeps uint32 (weak scalar), also for masks >= 2^31.
    const scalar = c.shift ? 7 : 0xf0f0f0f0;
    it(`${c.op} dtype=uint32 scalar=${scalar} keeps uint32`, () => {
      mx.tidy(() => {
        const a = u32Values(33, seedOf(`${c.op} scalar`));
        const out = c.fn(u32(a), scalar);
        expect(out.dtype).toBe(mx.uint32);
        expect(asNumbers(out)).toEqual(a.map((x) => c.ref(x, scalar)));
      });
    });
  }

  for (const n of SIZES) {
    it(`bitwise_invert dtype=uint32 n=${n}`, () => {
      mx.tidy(() => {
        const a = u32Values(n, seedOf(`invert ${n}`));
        expect(asNumbers(mx.bitwiseInvert(u32(a)))).toEqual(a.map((x) => ~x >>> 0));
      });
    });
  }
});

describe('bitwise ops on uint8, int32 and int64', () => {
  for (const n of SIZES) {
    it(`left_shift / right_shift / and / or / xor dtype=uint8 n=${n}`, () => {
      mx.tidy(() => {
        const seed = seedOf(`u8 bits ${n}`);
        const a = intValues(n, 0, 255, seed);
        const b = intValues(n, 0, 255, seed + 1);
        const s = intValues(n, 0, 7, seed + 2);
        const A = mx.fromTypedArray(Uint8Array.from(a), [n], mx.uint8);
        const B = mx.fromTypedArray(Uint8Array.from(b), [n], mx.uint8);
        const S = mx.fromTypedArray(Uint8Array.from(s), [n], mx.uint8);
        expect(mx.leftShift(A, S).dtype).toBe(mx.uint8);
        expect(asNumbers(mx.leftShift(A, S))).toEqual(a.map((x, i) => (x << s[i]!) & 0xff));
        expect(asNumbers(mx.rightShift(A, S))).toEqual(a.map((x, i) => x >>> s[i]!));
        expect(asNumbers(mx.bitwiseAnd(A, B))).toEqual(a.map((x, i) => x & b[i]!));
        expect(asNumbers(mx.bitwiseOr(A, B))).toEqual(a.map((x, i) => x | b[i]!));
        expect(asNumbers(mx.bitwiseXor(A, B))).toEqual(a.map((x, i) => x ^ b[i]!));
      });
    });

    it(`right_shift (arithmetic) / and / or / xor dtype=int32 n=${n}`, () => {
      mx.tidy(() => {
        const seed = seedOf(`i32 bits ${n}`);
        const a = u32Values(n, seed).map((x) => x | 0); // full int32 range, negatives included
        const b = u32Values(n, seed + 1).map((x) => x | 0);
        const s = intValues(n, 0, 31, seed + 2);
        const A = mx.fromTypedArray(Int32Array.from(a), [n], mx.int32);
        const B = mx.fromTypedArray(Int32Array.from(b), [n], mx.int32);
        const S = mx.fromTypedArray(Int32Array.from(s), [n], mx.int32);
        expect(asNumbers(mx.rightShift(A, S))).toEqual(a.map((x, i) => x >> s[i]!));
        expect(asNumbers(mx.bitwiseAnd(A, B))).toEqual(a.map((x, i) => x & b[i]!));
        expect(asNumbers(mx.bitwiseOr(A, B))).toEqual(a.map((x, i) => x | b[i]!));
        expect(asNumbers(mx.bitwiseXor(A, B))).toEqual(a.map((x, i) => x ^ b[i]!));
        // Left shift of non-negative values that stay in range.
        const small = a.map((x) => (x >>> 0) % 65536);
        const s15 = s.map((x) => x % 16);
        expect(asNumbers(mx.leftShift(mx.array(small, mx.int32), mx.array(s15, mx.int32)))).toEqual(small.map((x, i) => x << s15[i]!));
      });
    });

    it(`left_shift / right_shift / and / or / xor dtype=int64 n=${n} (values beyond 2^32)`, () => {
      mx.tidy(() => {
        const seed = seedOf(`i64 bits ${n}`);
        const hi = u32Values(n, seed);
        const lo = u32Values(n, seed + 1);
        // Non-negative 62-bit values (left shifts below stay within 63 bits).
        const a = hi.map((h, i) => ((BigInt(h) & 0x3fffffffn) << 32n) | BigInt(lo[i]!));
        const b = lo.map((l, i) => (BigInt(l) << 29n) ^ BigInt(hi[i]!));
        const s = intValues(n, 0, 31, seed + 2).map(BigInt);
        const A = mx.fromTypedArray(BigInt64Array.from(a), [n], mx.int64);
        const B = mx.fromTypedArray(BigInt64Array.from(b), [n], mx.int64);
        const S = mx.fromTypedArray(BigInt64Array.from(s), [n], mx.int64);
        const big = (x: MxArray) => Array.from(x.toTypedArray() as BigInt64Array);
        expect(big(mx.rightShift(A, S))).toEqual(a.map((x, i) => x >> s[i]!));
        expect(big(mx.leftShift(mx.rightShift(A, 31), S))).toEqual(a.map((x, i) => (x >> 31n) << s[i]!));
        expect(big(mx.bitwiseAnd(A, B))).toEqual(a.map((x, i) => x & b[i]!));
        expect(big(mx.bitwiseOr(A, B))).toEqual(a.map((x, i) => x | b[i]!));
        expect(big(mx.bitwiseXor(A, B))).toEqual(a.map((x, i) => x ^ b[i]!));
      });
    });
  }
});

describe('4-bit index packing with shifts', () => {
  for (const n of SIZES) {
    it(`pack / unpack 4-bit indices dtype=uint32 rows=${n} (8 per word)`, () => {
      mx.tidy(() => {
        const idx = intValues(n * 8, 0, 15, seedOf(`pack4 ${n}`));
        const shifts = mx.arange(0, 32, 4, mx.uint32); // [0, 4, ..., 28]
        // words[r] = sum_j idx[r, j] << 4j (the nibbles are disjoint, so the sum is an OR)
        const words = mx.sum(mx.leftShift(u32(idx, [n, 8]), shifts), 1);
        expect(words.dtype).toBe(mx.uint32);
        const ref: number[] = [];
        for (let r = 0; r < n; r++) {
          let w = 0;
          for (let j = 0; j < 8; j++) w = (w | (idx[r * 8 + j]! << (4 * j))) >>> 0;
          ref.push(w);
        }
        expect(asNumbers(words)).toEqual(ref);
        const unpacked = mx.bitwiseAnd(mx.rightShift(mx.expandDims(words, 1), shifts), 0xf);
        expect(unpacked.shape).toEqual([n, 8]);
        expect(asNumbers(unpacked)).toEqual(idx);
      });
    });
  }
});

describe('view (bit reinterpretation)', () => {
  const bitsOfF32 = (values: number[]): number[] => Array.from(new Uint32Array(Float32Array.from(values).buffer));

  for (const n of SIZES) {
    it(`view float32 -> uint32 -> float32 n=${n}`, () => {
      mx.tidy(() => {
        const vals = Array.from(uniformValues(n, -1e6, 1e6, seedOf(`view ${n}`)));
        const special = [0, -0, Infinity, -Infinity, 1.401298464324817e-45, 3.4028234663852886e38, -1, 1];
        for (let i = 0; i < Math.min(n, special.length); i++) vals[i] = special[i]!;
        const f = mx.fromTypedArray(Float32Array.from(vals), [n], mx.float32);
        const asU = mx.view(f, mx.uint32);
        expect(asU.dtype).toBe(mx.uint32);
        expect(asU.shape).toEqual([n]);
        expect(asNumbers(asU)).toEqual(bitsOfF32(vals));
        // and back: uint32 bit patterns (no NaNs) -> float32, compared bit for bit
        const back = mx.view(asU, mx.float32).toTypedArray() as Float32Array;
        expect(Array.from(new Uint32Array(back.buffer))).toEqual(bitsOfF32(vals));
      });
    });
  }

  it('view uint32 -> uint8 is little-endian and scales the last axis by 4', () => {
    mx.tidy(() => {
      const out = mx.view(u32([0x04030201, 0xfffefdfc], [1, 2]), mx.uint8);
      expect(out.shape).toEqual([1, 8]);
      expect(asNumbers(out)).toEqual([1, 2, 3, 4, 0xfc, 0xfd, 0xfe, 0xff]);
    });
  });

  it.each([
    [mx.float16, [1, -2, 0.5, 65504], [0x3c00, 0xc000, 0x3800, 0x7bff]],
    [mx.bfloat16, [1, -2, 0.5, 3], [0x3f80, 0xc000, 0x3f00, 0x4040]],
  ] as const)('view %s <-> uint16 gives the IEEE bit patterns', (dtype: Dtype, values, bits) => {
    mx.tidy(() => {
      const h = mx.array([...values], dtype);
      expect(asNumbers(mx.view(h, mx.uint16))).toEqual([...bits]);
      const back = mx.view(mx.fromTypedArray(Uint16Array.from(bits), [bits.length], mx.uint16), dtype);
      expect(back.dtype).toBe(dtype);
      expect(back.tolist()).toEqual([...values]);
    });
  });
});

describe('astype between integer and float dtypes', () => {
  for (const n of SIZES) {
    it(`astype float32 -> int32 truncates toward zero n=${n}`, () => {
      mx.tidy(() => {
        const vals = Array.from(uniformValues(n, -1e6, 1e6, seedOf(`f2i ${n}`)), Math.fround);
        const out = mx.fromTypedArray(Float32Array.from(vals), [n], mx.float32).astype(mx.int32);
        expect(out.dtype).toBe(mx.int32);
        expect(asNumbers(out)).toEqual(vals.map(Math.trunc));
      });
    });

    it(`astype float32 -> uint32 / uint8 n=${n}`, () => {
      mx.tidy(() => {
        const vals = Array.from(uniformValues(n, 0, 4e9, seedOf(`f2u ${n}`)), Math.fround);
        const f = mx.fromTypedArray(Float32Array.from(vals), [n], mx.float32);
        expect(asNumbers(f.astype(mx.uint32))).toEqual(vals.map(Math.trunc));
        const small = Array.from(uniformValues(n, 0, 255.9, seedOf(`f2u8 ${n}`)), Math.fround);
        const out = mx.fromTypedArray(Float32Array.from(small), [n], mx.float32).astype(mx.uint8);
        expect(out.dtype).toBe(mx.uint8);
        expect(asNumbers(out)).toEqual(small.map(Math.trunc));
      });
    });

    it(`astype int32 / uint32 -> float32 rounds to nearest n=${n}`, () => {
      mx.tidy(() => {
        const seed = seedOf(`i2f ${n}`);
        const i = u32Values(n, seed).map((x) => x | 0); // beyond 2^24: rounding happens
        expect(asNumbers(mx.fromTypedArray(Int32Array.from(i), [n], mx.int32).astype(mx.float32))).toEqual(i.map(Math.fround));
        const u = u32Values(n, seed + 1);
        expect(asNumbers(u32(u).astype(mx.float32))).toEqual(u.map(Math.fround));
      });
    });

    it(`astype int64 <-> float32 / int32, uint8 -> float16 / bfloat16 n=${n}`, () => {
      mx.tidy(() => {
        const seed = seedOf(`i64 cast ${n}`);
        const big = intValues(n, -(2 ** 40), 2 ** 40, seed);
        const a = mx.fromTypedArray(BigInt64Array.from(big, BigInt), [n], mx.int64);
        expect(asNumbers(a.astype(mx.float32))).toEqual(big.map(Math.fround));
        const small = intValues(n, -(2 ** 31), 2 ** 31 - 1, seed + 1);
        const b = mx.fromTypedArray(BigInt64Array.from(small, BigInt), [n], mx.int64).astype(mx.int32);
        expect(b.dtype).toBe(mx.int32);
        expect(asNumbers(b)).toEqual(small);
        expect(Array.from(b.astype(mx.int64).toTypedArray() as BigInt64Array)).toEqual(small.map(BigInt));
        const bytes = intValues(n, 0, 255, seed + 2);
        const u8 = mx.fromTypedArray(Uint8Array.from(bytes), [n], mx.uint8);
        expect(asNumbers(u8.astype(mx.float16))).toEqual(bytes); // integers <= 2048 are exact in float16
        expect(asNumbers(u8.astype(mx.bfloat16))).toEqual(bytes); // and <= 256 in bfloat16
      });
    });
  }

  it('astype bool <-> int32 / float32', () => {
    mx.tidy(() => {
      const b = mx.array([true, false, true]);
      expect(b.astype(mx.int32).tolist()).toEqual([1, 0, 1]);
      expect(b.astype(mx.float32).tolist()).toEqual([1, 0, 1]);
      expect(mx.array([0, -2.5, 0.25, -0], mx.float32).astype(mx.bool).tolist()).toEqual([false, true, true, false]);
      expect(mx.array([0, 7, -1], mx.int32).astype(mx.bool).tolist()).toEqual([false, true, true]);
    });
  });
});
