// Small dense linear-algebra kernels shared by the rotations, QJL and the quantizers. Row-major float64.

/** Anything index-able that holds numbers: Float32Array, Float64Array or number[]. */
export type VectorLike = ArrayLike<number>;

/** Copies `values` into a new Float64Array, checking that it has `length` entries. */
export function toFloat64(values: VectorLike, length: number, name: string): Float64Array {
  if (values.length !== length) {
    throw new RangeError(`${name} must have length ${length} (got ${values.length})`);
  }
  return values instanceof Float64Array ? values.slice() : Float64Array.from(values);
}

/** Throws a RangeError naming `name` unless `value` is a positive integer. */
export function validatePositiveInteger(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`${name} must be a positive integer (got ${String(value)})`);
  }
}

/** Checks that a row-major batch holds count * dim values. */
export function validateBatch(values: VectorLike, count: number, dim: number, name: string): void {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a non-negative integer (got ${String(count)})`);
  if (values.length !== count * dim) {
    throw new RangeError(`${name} must hold count * dim = ${count} * ${dim} = ${count * dim} values (got ${values.length})`);
  }
}

/**
 * out[r, i] = sum_j matrix[i, j] * x[r, j] for every row r: y = M x applied to each row of x.
 * matrix: (outDim, inDim) row-major; x: (count, inDim); out: (count, outDim). Register-blocked over two matrix
 * rows and four x rows (about 1.5x faster in V8 than one output at a time); every output is still summed over j in
 * order, so results equal the plain triple loop bit for bit.
 */
export function multiplyRows(
  matrix: Float64Array,
  outDim: number,
  inDim: number,
  x: Float64Array,
  count: number,
  out: Float64Array,
): void {
  let row = 0;
  for (; row + 4 <= count; row += 4) {
    const x0 = row * inDim;
    const x1 = x0 + inDim;
    const x2 = x1 + inDim;
    const x3 = x2 + inDim;
    const o0 = row * outDim;
    const o1 = o0 + outDim;
    const o2 = o1 + outDim;
    const o3 = o2 + outDim;
    let i = 0;
    for (; i + 2 <= outDim; i += 2) {
      const ma = i * inDim;
      const mb = ma + inDim;
      let a0 = 0;
      let a1 = 0;
      let a2 = 0;
      let a3 = 0;
      let b0 = 0;
      let b1 = 0;
      let b2 = 0;
      let b3 = 0;
      for (let j = 0; j < inDim; j++) {
        const p = matrix[ma + j]!;
        const q = matrix[mb + j]!;
        const v0 = x[x0 + j]!;
        const v1 = x[x1 + j]!;
        const v2 = x[x2 + j]!;
        const v3 = x[x3 + j]!;
        a0 += p * v0;
        a1 += p * v1;
        a2 += p * v2;
        a3 += p * v3;
        b0 += q * v0;
        b1 += q * v1;
        b2 += q * v2;
        b3 += q * v3;
      }
      out[o0 + i] = a0;
      out[o1 + i] = a1;
      out[o2 + i] = a2;
      out[o3 + i] = a3;
      out[o0 + i + 1] = b0;
      out[o1 + i + 1] = b1;
      out[o2 + i + 1] = b2;
      out[o3 + i + 1] = b3;
    }
    for (; i < outDim; i++) {
      const m = i * inDim;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let j = 0; j < inDim; j++) {
        const value = matrix[m + j]!;
        s0 += value * x[x0 + j]!;
        s1 += value * x[x1 + j]!;
        s2 += value * x[x2 + j]!;
        s3 += value * x[x3 + j]!;
      }
      out[o0 + i] = s0;
      out[o1 + i] = s1;
      out[o2 + i] = s2;
      out[o3 + i] = s3;
    }
  }
  for (; row < count; row++) {
    const x0 = row * inDim;
    const o0 = row * outDim;
    for (let i = 0; i < outDim; i++) {
      const m = i * inDim;
      let sum = 0;
      for (let j = 0; j < inDim; j++) sum += matrix[m + j]! * x[x0 + j]!;
      out[o0 + i] = sum;
    }
  }
}

/** Row-major transpose of a (rows, cols) matrix. */
export function transpose(matrix: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) out[j * rows + i] = matrix[i * cols + j]!;
  }
  return out;
}

/** <a[aOffset..], b[bOffset..]> over `length` entries. */
export function dot(a: ArrayLike<number>, aOffset: number, b: ArrayLike<number>, bOffset: number, length: number): number {
  let sum = 0;
  for (let i = 0; i < length; i++) sum += a[aOffset + i]! * b[bOffset + i]!;
  return sum;
}

/** Euclidean norm of `length` entries starting at `offset`. */
export function norm(a: ArrayLike<number>, offset = 0, length = a.length - offset): number {
  let sum = 0;
  for (let i = 0; i < length; i++) {
    const value = a[offset + i]!;
    sum += value * value;
  }
  return Math.sqrt(sum);
}
