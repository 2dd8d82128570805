// mx.linalg. On GPU backends MLX runs these on the CPU only: pass { stream: mx.cpu } there.
import { loadAddon } from './load.js';
import { streamCode, type StreamOptions } from './device.js';
import type { MxArray } from './array.js';
import { track } from './tidy.js';
import { checkArray, checkAxes, checkBool } from './validate.js';

const N = loadAddon().addon;

/** QR decomposition of a (..., M, N) float32 matrix: [Q, R]. */
export function qr(a: MxArray, o?: StreamOptions): [MxArray, MxArray] {
  const [q, r] = N.linalgQr(checkArray('qr', 'a', a), streamCode(o)) as MxArray[];
  return [track(q!), track(r!)];
}
/** [U, S, Vt], or [S] when computeUv is false. */
export function svd(a: MxArray, computeUv = true, o?: StreamOptions): MxArray[] {
  return (N.linalgSvd(checkArray('svd', 'a', a), checkBool('svd', 'computeUv', computeUv), streamCode(o)) as MxArray[]).map((x) => track(x));
}
export const inv = (a: MxArray, o?: StreamOptions): MxArray => track(N.linalgInv(checkArray('inv', 'a', a), streamCode(o)) as MxArray);
export const cholesky = (a: MxArray, upper = false, o?: StreamOptions): MxArray =>
  track(N.linalgCholesky(checkArray('cholesky', 'a', a), checkBool('cholesky', 'upper', upper), streamCode(o)) as MxArray);
export const solve = (a: MxArray, b: MxArray, o?: StreamOptions): MxArray =>
  track(N.linalgSolve(checkArray('solve', 'a', a), checkArray('solve', 'b', b), streamCode(o)) as MxArray);
/** Vector or matrix norm; `ord` a number, 'fro' or 'nuc'; default 2-norm / Frobenius. */
export function norm(a: MxArray, ord?: number | 'fro' | 'nuc', axis?: number | number[], keepdims = false, o?: StreamOptions): MxArray {
  return track(N.linalgNorm(checkArray('norm', 'a', a), ord, checkAxes('norm', 'axis', axis), checkBool('norm', 'keepdims', keepdims), streamCode(o)) as MxArray);
}
