// Elementwise op conformance: unary and binary float ops against float64 references on awkward sizes in
// float32 / float16 / bfloat16, broadcasting, JS-number scalars (which must keep the array's dtype), integer
// arithmetic (int32 / uint32 / uint8 / int64, with C-style wraparound for unsigned types), comparisons, logical ops
// on bool, and where. Metric and tolerances: see reference.ts.
//
// float64 (CPU only in MLX) runs through the same unary / binary cases at the float64 tolerance (1e-12), except
// where OP_TOLERANCE in reference.ts records that MLX's CPU kernel is only float32-accurate for float64 (exp, sin,
// cos, sigmoid, erf: observed exp(1) -> 2.7182817459106445).
//
// Excluded cases:
//   - Signed-integer overflow: undefined behaviour in C++, so int32 / int64 inputs are kept in range.
import { afterAll, describe, expect, it } from 'vitest';
import { mx } from '../../src/mx.js';
import type { Dtype, MxArray } from '../../src/index.js';
import {
  FLOAT_DTYPES,
  SIZES,
  erf,
  expectClose,
  intValues,
  makeInput,
  read,
  reportErrors,
  seedOf,
  sigmoid,
  uniformValues,
} from './reference.js';

afterAll(reportErrors);

// ---- unary float ops --------------------------------------------------------------------------------------

interface UnaryCase {
  op: string;
  fn: (a: MxArray) => MxArray;
  ref: (x: number) => number;
  /** Input range valid for the op. */
  lo: number;
  hi: number;
}

const UNARY: UnaryCase[] = [
  { op: 'abs', fn: mx.abs, ref: Math.abs, lo: -4, hi: 4 },
  { op: 'negative', fn: mx.negative, ref: (x) => -x, lo: -4, hi: 4 },
  { op: 'exp', fn: mx.exp, ref: Math.exp, lo: -4, hi: 4 },
  { op: 'log', fn: mx.log, ref: Math.log, lo: 0.05, hi: 10 },
  { op: 'sqrt', fn: mx.sqrt, ref: Math.sqrt, lo: 0, hi: 10 },
  { op: 'rsqrt', fn: mx.rsqrt, ref: (x) => 1 / Math.sqrt(x), lo: 0.05, hi: 10 },
  { op: 'square', fn: mx.square, ref: (x) => x * x, lo: -4, hi: 4 },
  { op: 'sin', fn: mx.sin, ref: Math.sin, lo: -4, hi: 4 },
  { op: 'cos', fn: mx.cos, ref: Math.cos, lo: -4, hi: 4 },
  { op: 'tanh', fn: mx.tanh, ref: Math.tanh, lo: -4, hi: 4 },
  { op: 'sigmoid', fn: mx.sigmoid, ref: sigmoid, lo: -6, hi: 6 },
  { op: 'erf', fn: mx.erf, ref: erf, lo: -3, hi: 3 },
  { op: 'floor', fn: mx.floor, ref: Math.floor, lo: -4, hi: 4 },
];

const WITH_F64: readonly Dtype[] = [...FLOAT_DTYPES, mx.float64];

describe('unary float ops', () => {
  for (const c of UNARY) {
    for (const dtype of WITH_F64) {
      for (const n of SIZES) {
        const name = `${c.op} dtype=${dtype.name} n=${n}`;
        it(name, () => {
          mx.tidy(() => {
            const { arr, vals } = makeInput(uniformValues(n, c.lo, c.hi, seedOf(name)), [n], dtype);
            expectClose(c.fn(arr), Array.from(vals, c.ref), { op: c.op, dtype, shape: [n] });
          });
        });
      }
    }
  }
});

// ---- binary float ops -------------------------------------------------------------------------------------

interface BinaryCase {
  op: string;
  fn: (a: MxArray | number, b: MxArray | number) => MxArray;
  ref: (a: number, b: number) => number;
  a: [number, number];
  b: [number, number];
  /** A scalar operand valid for the op (as b, and as a for the reversed form). */
  scalar: number;
}

const BINARY: BinaryCase[] = [
  { op: 'add', fn: mx.add, ref: (a, b) => a + b, a: [-4, 4], b: [-4, 4], scalar: 1 },
  { op: 'subtract', fn: mx.subtract, ref: (a, b) => a - b, a: [-4, 4], b: [-4, 4], scalar: 1.5 },
  { op: 'multiply', fn: mx.multiply, ref: (a, b) => a * b, a: [-4, 4], b: [-4, 4], scalar: -2.5 },
  { op: 'divide', fn: mx.divide, ref: (a, b) => a / b, a: [-4, 4], b: [0.25, 4], scalar: 3 },
  { op: 'maximum', fn: mx.maximum, ref: Math.max, a: [-4, 4], b: [-4, 4], scalar: 0.5 },
  { op: 'minimum', fn: mx.minimum, ref: Math.min, a: [-4, 4], b: [-4, 4], scalar: 0.5 },
  // power with a positive base only (a negative base with a fractional exponent is NaN).
  { op: 'power', fn: mx.power, ref: Math.pow, a: [0.1, 3], b: [-2, 2], scalar: 2 },
];

describe('binary float ops', () => {
  for (const c of BINARY) {
    for (const dtype of WITH_F64) {
      for (const n of SIZES) {
        const name = `${c.op} dtype=${dtype.name} n=${n}`;
        it(name, () => {
          mx.tidy(() => {
            const seed = seedOf(name);
            const a = makeInput(uniformValues(n, c.a[0], c.a[1], seed), [n], dtype);
            const b = makeInput(uniformValues(n, c.b[0], c.b[1], seed + 1), [n], dtype);
            const ref = Array.from(a.vals, (x, i) => c.ref(x, b.vals[i]!));
            expectClose(c.fn(a.arr, b.arr), ref, { op: c.op, dtype, shape: [n] });
          });
        });
      }

      // (n, 1) x (1, 33) -> (n, 33)
      for (const n of SIZES) {
        const m = 33;
        const name = `${c.op} dtype=${dtype.name} broadcast=(${n},1)x(1,${m})`;
        it(name, () => {
          mx.tidy(() => {
            const seed = seedOf(name);
            const a = makeInput(uniformValues(n, c.a[0], c.a[1], seed), [n, 1], dtype);
            const b = makeInput(uniformValues(m, c.b[0], c.b[1], seed + 1), [1, m], dtype);
            const ref = new Float64Array(n * m);
            for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) ref[i * m + j] = c.ref(a.vals[i]!, b.vals[j]!);
            expectClose(c.fn(a.arr, b.arr), ref, { op: c.op, dtype, shape: [n, m] });
          });
        });
      }

      // A JS number operand is a weak scalar: the result keeps the array's dtype, on either side.
      const name = `${c.op} dtype=${dtype.name} scalar=${c.scalar} n=33`;
      it(name, () => {
        mx.tidy(() => {
          const a = makeInput(uniformValues(33, c.a[0], c.a[1], seedOf(name)), [33], dtype);
          const s = c.scalar;
          const right = c.fn(a.arr, s);
          expect(right.dtype).toBe(dtype);
          expectClose(right, Array.from(a.vals, (x) => c.ref(x, s)), { op: c.op, dtype, shape: [33] });
          // Reversed: scalar op array (for power the array is the exponent; its values are in [0.1, 3], valid).
          const left = c.fn(s, a.arr);
          expect(left.dtype).toBe(dtype);
          expectClose(left, Array.from(a.vals, (x) => c.ref(s, x)), { op: c.op, dtype, shape: [33] });
        });
      });
    }
  }

  for (const dtype of FLOAT_DTYPES) {
    it(`add dtype=${dtype.name} scalar keeps dtype: mx.add(a, 1).dtype === mx.${dtype.name}`, () => {
      mx.tidy(() => {
        const a = mx.array([0.5, -1.25], dtype);
        expect(mx.add(a, 1).dtype).toBe(dtype);
        expect(mx.add(1, a).dtype).toBe(dtype);
        expect(mx.multiply(a, 0.1).dtype).toBe(dtype);
        expect(mx.add(a, 1).tolist()).toEqual([1.5, -0.25]);
      });
    });
  }

  it('add dtype=int32 scalar=1.5 promotes to float32 (a fractional number does not truncate)', () => {
    mx.tidy(() => {
      const out = mx.add(mx.array([1, 2], mx.int32), 1.5);
      expect(out.dtype).toBe(mx.float32);
      expect(out.tolist()).toEqual([2.5, 3.5]);
    });
  });
});

// ---- integer arithmetic -----------------------------------------------------------------------------------

interface IntDtypeCase {
  dtype: Dtype;
  bits: number;
  signed: boolean;
  /** Input range for add / subtract / max / min and for multiply (kept free of signed overflow). */
  range: [number, number];
  mulRange: [number, number];
  typed: (values: bigint[]) => Int32Array | Uint32Array | Uint8Array | BigInt64Array;
}

const INT_DTYPES: IntDtypeCase[] = [
  {
    dtype: mx.int32, bits: 32, signed: true, range: [-(2 ** 30), 2 ** 30 - 1], mulRange: [-46340, 46340],
    typed: (v) => Int32Array.from(v, Number),
  },
  {
    // Full uint32 range, including values >= 2^31; add / subtract / multiply wrap modulo 2^32.
    dtype: mx.uint32, bits: 32, signed: false, range: [0, 2 ** 32 - 1], mulRange: [0, 2 ** 32 - 1],
    typed: (v) => Uint32Array.from(v, Number),
  },
  {
    dtype: mx.uint8, bits: 8, signed: false, range: [0, 255], mulRange: [0, 255],
    typed: (v) => Uint8Array.from(v, Number),
  },
  {
    // Values beyond 2^32 (and 2^40), built from BigInts so nothing goes through a double.
    dtype: mx.int64, bits: 64, signed: true, range: [-(2 ** 45), 2 ** 45], mulRange: [-(2 ** 31), 2 ** 31],
    typed: (v) => BigInt64Array.from(v),
  },
];

function intInputs(n: number, range: [number, number], seed: number, bits: number): bigint[] {
  const base = intValues(n, range[0], range[1], seed).map(BigInt);
  if (bits !== 64) return base;
  // int64: add low bits too, so values are not multiples of anything and exceed 2^32 exactly.
  return base.map((v, i) => v * 4096n + BigInt(intValues(1, 0, 4095, seed + i)[0]!) * (v < 0n ? -1n : 1n));
}

function readBig(a: MxArray): bigint[] {
  const data = a.toTypedArray();
  return Array.from(data as ArrayLike<number | bigint>, (v) => BigInt(v));
}

const wrapTo = (c: IntDtypeCase, v: bigint): bigint => (c.signed ? BigInt.asIntN(c.bits, v) : BigInt.asUintN(c.bits, v));

const INT_BINARY: { op: string; fn: (a: MxArray, b: MxArray) => MxArray; ref: (a: bigint, b: bigint) => bigint; mul?: boolean }[] = [
  { op: 'add', fn: mx.add, ref: (a, b) => a + b },
  { op: 'subtract', fn: mx.subtract, ref: (a, b) => a - b },
  { op: 'multiply', fn: mx.multiply, ref: (a, b) => a * b, mul: true },
  { op: 'maximum', fn: mx.maximum, ref: (a, b) => (a > b ? a : b) },
  { op: 'minimum', fn: mx.minimum, ref: (a, b) => (a < b ? a : b) },
];

describe('integer arithmetic (exact)', () => {
  for (const c of INT_DTYPES) {
    for (const b of INT_BINARY) {
      for (const n of SIZES) {
        const name = `${b.op} dtype=${c.dtype.name} n=${n}`;
        it(name, () => {
          mx.tidy(() => {
            const range = b.mul ? c.mulRange : c.range;
            const seed = seedOf(name);
            const x = intInputs(n, range, seed, b.mul ? 0 : c.bits);
            const y = intInputs(n, range, seed + 7, b.mul ? 0 : c.bits);
            const ax = mx.fromTypedArray(c.typed(x), [n], c.dtype);
            const ay = mx.fromTypedArray(c.typed(y), [n], c.dtype);
            expect(readBig(ax)).toEqual(x); // inputs went in exactly
            const out = b.fn(ax, ay);
            expect(out.dtype).toBe(c.dtype);
            expect(readBig(out)).toEqual(x.map((v, i) => wrapTo(c, b.ref(v, y[i]!))));
          });
        });
      }
    }
    it(`add dtype=${c.dtype.name} scalar=3 keeps the integer dtype`, () => {
      mx.tidy(() => {
        const out = mx.add(mx.fromTypedArray(c.typed([1n, 2n]), [2], c.dtype), 3);
        expect(out.dtype).toBe(c.dtype);
        expect(readBig(out)).toEqual([4n, 5n]);
      });
    });
  }

  for (const dtype of [mx.int32, mx.int64]) {
    for (const n of [1, 33]) {
      it(`abs / negative dtype=${dtype.name} n=${n}`, () => {
        mx.tidy(() => {
          const x = intValues(n, -1000000, 1000000, seedOf(`absneg ${dtype.name} ${n}`)).map(BigInt);
          const a = mx.fromTypedArray(dtype === mx.int64 ? BigInt64Array.from(x) : Int32Array.from(x, Number), [n], dtype);
          expect(readBig(mx.abs(a))).toEqual(x.map((v) => (v < 0n ? -v : v)));
          expect(readBig(mx.negative(a))).toEqual(x.map((v) => -v));
        });
      });
    }
  }

  it('add dtype=int64 values above 2^32: 2^40 + 1 + (2^33 - 5)', () => {
    mx.tidy(() => {
      const a = mx.fromTypedArray(new BigInt64Array([2n ** 40n + 1n, -(2n ** 50n)]), [2], mx.int64);
      const b = mx.fromTypedArray(new BigInt64Array([2n ** 33n - 5n, 3n]), [2], mx.int64);
      expect(mx.add(a, b).toTypedArray()).toEqual(new BigInt64Array([2n ** 40n + 2n ** 33n - 4n, -(2n ** 50n) + 3n]));
    });
  });
});

// ---- comparisons, logical ops, where ----------------------------------------------------------------------

const COMPARISONS: { op: string; fn: (a: MxArray, b: MxArray) => MxArray; ref: (a: number, b: number) => boolean }[] = [
  { op: 'equal', fn: mx.equal, ref: (a, b) => a === b },
  { op: 'not_equal', fn: mx.notEqual, ref: (a, b) => a !== b },
  { op: 'less', fn: mx.less, ref: (a, b) => a < b },
  { op: 'less_equal', fn: mx.lessEqual, ref: (a, b) => a <= b },
  { op: 'greater', fn: mx.greater, ref: (a, b) => a > b },
  { op: 'greater_equal', fn: mx.greaterEqual, ref: (a, b) => a >= b },
];

describe('comparisons', () => {
  for (const dtype of [...FLOAT_DTYPES, mx.int32, mx.uint32]) {
    for (const c of COMPARISONS) {
      for (const n of SIZES) {
        const name = `${c.op} dtype=${dtype.name} n=${n}`;
        it(name, () => {
          mx.tidy(() => {
            const seed = seedOf(name);
            // Values on a coarse grid so that ties (the equal cases) actually happen.
            const grid = dtype.kind === 'float' ? 0.25 : 1;
            const lo = dtype === mx.uint32 ? 0 : -4;
            const a = makeInput(intValues(n, lo, lo + 8, seed).map((v) => v * grid), [n], dtype);
            const b = makeInput(intValues(n, lo, lo + 8, seed + 1).map((v) => v * grid), [n], dtype);
            const out = c.fn(a.arr, b.arr);
            expect(out.dtype).toBe(mx.bool);
            expect(out.tolist()).toEqual(Array.from(a.vals, (x, i) => c.ref(x, b.vals[i]!)));
          });
        });
      }
    }
  }

  it('less dtype=uint32 compares values >= 2^31 as unsigned', () => {
    mx.tidy(() => {
      const a = mx.fromTypedArray(new Uint32Array([0x80000000, 5, 0xffffffff]), [3], mx.uint32);
      const b = mx.fromTypedArray(new Uint32Array([1, 0x90000000, 0xfffffffe]), [3], mx.uint32);
      expect(mx.less(a, b).tolist()).toEqual([false, true, false]);
    });
  });
});

describe('logical ops on bool', () => {
  for (const n of SIZES) {
    it(`logical_and / logical_or / logical_not dtype=bool n=${n}`, () => {
      mx.tidy(() => {
        const seed = seedOf(`logical ${n}`);
        const x = intValues(n, 0, 1, seed).map((v) => v === 1);
        const y = intValues(n, 0, 1, seed + 1).map((v) => v === 1);
        const a = mx.array(x);
        const b = mx.array(y);
        expect(a.dtype).toBe(mx.bool);
        expect(mx.logicalAnd(a, b).tolist()).toEqual(x.map((v, i) => v && y[i]!));
        expect(mx.logicalOr(a, b).tolist()).toEqual(x.map((v, i) => v || y[i]!));
        expect(mx.logicalNot(a).tolist()).toEqual(x.map((v) => !v));
        expect(mx.logicalAnd(a, b).dtype).toBe(mx.bool);
      });
    });
  }
});

describe('where', () => {
  for (const dtype of [...FLOAT_DTYPES, mx.int32]) {
    for (const n of SIZES) {
      const name = `where dtype=${dtype.name} cond=(${n},1) x=(${n},33) y=(1,33)`;
      it(name, () => {
        mx.tidy(() => {
          const seed = seedOf(name);
          const cond = intValues(n, 0, 1, seed).map((v) => v === 1);
          const x = makeInput(intValues(n * 33, -100, 100, seed + 1).map((v) => v / 8), [n, 33], dtype);
          const y = makeInput(intValues(33, -100, 100, seed + 2).map((v) => v / 8), [1, 33], dtype);
          const out = mx.where(mx.array(cond).reshape(n, 1), x.arr, y.arr);
          expect(out.shape).toEqual([n, 33]);
          expect(out.dtype).toBe(dtype);
          const ref: number[] = [];
          for (let i = 0; i < n; i++) for (let j = 0; j < 33; j++) ref.push(cond[i] ? x.vals[i * 33 + j]! : y.vals[j]!);
          expect(Array.from(read(out))).toEqual(ref);
        });
      });
    }
    it(`where dtype=${dtype.name} with a JS number branch keeps the array's dtype`, () => {
      mx.tidy(() => {
        const x = mx.array([1, 2, 3], dtype);
        const out = mx.where(mx.array([true, false, true]), x, 0);
        expect(out.dtype).toBe(dtype);
        expect(out.tolist()).toEqual([1, 0, 3]);
        const flipped = mx.where(mx.array([true, false, true]), -1, x);
        expect(flipped.dtype).toBe(dtype);
        expect(flipped.tolist()).toEqual([-1, 2, -1]);
      });
    });
  }
});
