// mx.fast: MLX's fused kernels (each has an unfused reference path inside MLX; backends pick the fused one).
import { loadAddon } from './load.js';
import { streamCode, type StreamOptions } from './device.js';
import type { MxArray } from './array.js';
import { track } from './tidy.js';
import { checkArray, checkBool, checkInt, checkNumber, checkOptionalArray } from './validate.js';

const N = loadAddon().addon;

/** x / sqrt(mean(x^2, -1) + eps) * weight, over the last axis. */
export function rmsNorm(x: MxArray, weight: MxArray | null, eps: number, o?: StreamOptions): MxArray {
  const op = 'rms_norm';
  return track(N.rmsNorm(checkArray(op, 'x', x), checkOptionalArray(op, 'weight', weight), checkNumber(op, 'eps', eps), streamCode(o)) as MxArray);
}

export function layerNorm(x: MxArray, weight: MxArray | null, bias: MxArray | null, eps: number, o?: StreamOptions): MxArray {
  const op = 'layer_norm';
  return track(N.layerNorm(checkArray(op, 'x', x), checkOptionalArray(op, 'weight', weight), checkOptionalArray(op, 'bias', bias),
    checkNumber(op, 'eps', eps), streamCode(o)) as MxArray);
}

export interface RopeOptions extends StreamOptions {
  /** Rotate pairs (2i, 2i+1) when true, (i, i + dims/2) when false (the "non-traditional" layout Qwen uses). */
  traditional: boolean;
  /** Frequency base (theta). Give either base or freqs. */
  base?: number | null;
  scale?: number;
  /** Position of x's first token along axis -2: a number, or a scalar int32 array. */
  offset?: number | MxArray;
  freqs?: MxArray;
}

/** Rotary position embedding over the first `dims` features of the last axis; positions run along axis -2. */
export function rope(x: MxArray, dims: number, options: RopeOptions): MxArray {
  const op = 'rope';
  const offset = options.offset ?? 0;
  if ((options.base === undefined || options.base === null) === (options.freqs === undefined)) {
    throw new TypeError(`[${op}] parameter 'base': give exactly one of base and freqs`);
  }
  return track(N.rope(checkArray(op, 'x', x), checkInt(op, 'dims', dims, 1), checkBool(op, 'traditional', options.traditional),
    options.base === undefined || options.base === null ? undefined : checkNumber(op, 'base', options.base),
    checkNumber(op, 'scale', options.scale ?? 1),
    typeof offset === 'number' ? checkInt(op, 'offset', offset, 0) : checkArray(op, 'offset', offset),
    checkOptionalArray(op, 'freqs', options.freqs), streamCode(options)) as MxArray);
}

export interface AttentionOptions extends StreamOptions {
  /** 'causal', an additive (float) or boolean mask broadcastable to (B, H, Lq, Lk), or none. */
  mask?: 'causal' | MxArray | null;
  /** Per-head attention sinks (H,), as in gpt-oss. */
  sinks?: MxArray;
}

/**
 * softmax(q k^T * scale + mask) v with q (B, H, Lq, D), k and v (B, Hkv, Lk, D); H a multiple of Hkv (GQA).
 * Computes the softmax in float32.
 */
export function scaledDotProductAttention(q: MxArray, k: MxArray, v: MxArray, scale: number, options: AttentionOptions = {}): MxArray {
  const op = 'scaled_dot_product_attention';
  const mask = options.mask ?? null;
  const maskMode = mask === null ? '' : mask === 'causal' ? 'causal' : 'array';
  const maskArray = mask === null || mask === 'causal' ? undefined : checkArray(op, 'mask', mask);
  return track(N.scaledDotProductAttention(checkArray(op, 'q', q), checkArray(op, 'k', k), checkArray(op, 'v', v),
    checkNumber(op, 'scale', scale), maskMode, maskArray, checkOptionalArray(op, 'sinks', options.sinks), streamCode(options)) as MxArray);
}

/**
 * The GatedDeltaNet recurrence (Qwen3.5 linear attention) over a sequence: q, k (B, T, Hk, Dk), v (B, T, Hv, Dv),
 * g and beta (B, T, Hv), state (B, Hv, Dv, Dk) float32. Returns [y (B, T, Hv, Dv), final state].
 */
export function gatedDeltaUpdate(q: MxArray, k: MxArray, v: MxArray, g: MxArray, beta: MxArray, state?: MxArray | null, mask?: MxArray | null, o?: StreamOptions): MxArray[] {
  const op = 'gated_delta_update';
  const out = N.gatedDeltaUpdate(checkArray(op, 'q', q), checkArray(op, 'k', k), checkArray(op, 'v', v), checkArray(op, 'g', g),
    checkArray(op, 'beta', beta), checkOptionalArray(op, 'state', state), checkOptionalArray(op, 'mask', mask), streamCode(o)) as MxArray[];
  return out.map((a) => track(a));
}
