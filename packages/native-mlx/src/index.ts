/**
 * @turbomlx/native-mlx: MLX from TypeScript.
 *
 * ```ts
 * import { mx } from '@turbomlx/native-mlx';
 * const a = mx.array([[1, 2], [3, 4]], mx.float32);
 * mx.matmul(a, a).tolist(); // [[7, 10], [15, 22]]
 * ```
 */
export { mx } from './mx.js';
export { addonInfo } from './info.js';
export type { AddonInfo } from './load.js';
export type { MxArray, NestedList, TypedArray } from './array.js';
export type { Dtype, DtypeName, DtypeKind } from './dtype.js';
export type { Device, Stream, StreamOptions } from './device.js';
export type { ArrayOrScalar, Scalar } from './validate.js';
export type { QuantizationMode, QuantizeOptions, GatherOptions, Conv1dOptions } from './ops.js';
export type { RopeOptions, AttentionOptions } from './fast.js';
export type { KeyOptions } from './random.js';
export type { SafetensorsContents, SafetensorsHeader, SafetensorsTensorInfo } from './io.js';
