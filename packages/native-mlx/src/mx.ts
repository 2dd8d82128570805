// The `mx` namespace: MLX's Python API in camelCase.
import * as dtypes from './dtype.js';
import * as ops from './ops.js';
import * as fast from './fast.js';
import * as random from './random.js';
import * as linalg from './linalg.js';
import * as device from './device.js';
import * as evaluation from './eval.js';
import { array, extendArrayPrototype, fromTypedArray, isMxArray, type MxArray } from './array.js';
import { loadSafetensors, readSafetensorsHeader, saveSafetensors } from './io.js';
import { dispose, keep, tidy } from './tidy.js';

// Array methods that compose ops (kept here so array.ts does not import the ops).
const axesOf = (args: unknown[]): number[] | undefined =>
  args.length === 0 ? undefined : Array.isArray(args[0]) ? (args[0] as number[]) : (args as number[]);
extendArrayPrototype({
  astype: { value(this: MxArray, dtype: dtypes.Dtype, o?: device.StreamOptions) { return ops.astype(this, dtype, o); } },
  reshape: { value(this: MxArray, ...shape: unknown[]) { return ops.reshape(this, axesOf(shape) ?? []); } },
  transpose: { value(this: MxArray, ...axes: unknown[]) { return ops.transpose(this, axesOf(axes)); } },
  T: { get(this: MxArray) { return ops.transpose(this); } },
  flatten: { value(this: MxArray, start?: number, end?: number) { return ops.flatten(this, start, end); } },
  squeeze: { value(this: MxArray, axis?: number | number[]) { return ops.squeeze(this, axis); } },
  expandDims: { value(this: MxArray, axis: number | number[]) { return ops.expandDims(this, axis); } },
  sum: { value(this: MxArray, axis?: number | number[], keepdims?: boolean) { return ops.sum(this, axis, keepdims); } },
  mean: { value(this: MxArray, axis?: number | number[], keepdims?: boolean) { return ops.mean(this, axis, keepdims); } },
  max: { value(this: MxArray, axis?: number | number[], keepdims?: boolean) { return ops.max(this, axis, keepdims); } },
  min: { value(this: MxArray, axis?: number | number[], keepdims?: boolean) { return ops.min(this, axis, keepdims); } },
  argmax: { value(this: MxArray, axis?: number, keepdims?: boolean) { return ops.argmax(this, axis, keepdims); } },
  add: { value(this: MxArray, other: MxArray | number) { return ops.add(this, other); } },
  subtract: { value(this: MxArray, other: MxArray | number) { return ops.subtract(this, other); } },
  multiply: { value(this: MxArray, other: MxArray | number) { return ops.multiply(this, other); } },
  divide: { value(this: MxArray, other: MxArray | number) { return ops.divide(this, other); } },
  matmul: { value(this: MxArray, other: MxArray) { return ops.matmul(this, other); } },
});

export const mx = {
  // dtypes
  bool: dtypes.bool,
  uint8: dtypes.uint8,
  uint16: dtypes.uint16,
  uint32: dtypes.uint32,
  uint64: dtypes.uint64,
  int8: dtypes.int8,
  int16: dtypes.int16,
  int32: dtypes.int32,
  int64: dtypes.int64,
  float16: dtypes.float16,
  float32: dtypes.float32,
  float64: dtypes.float64,
  bfloat16: dtypes.bfloat16,
  complex64: dtypes.complex64,
  dtypeFromName: dtypes.dtypeFromName,
  // arrays
  array,
  fromTypedArray,
  isArray: isMxArray,
  ...ops,
  var: ops.variance,
  // evaluation, lifetimes, memory
  eval: evaluation.evaluate,
  asyncEval: evaluation.asyncEval,
  tidy,
  keep,
  dispose,
  getActiveMemory: evaluation.getActiveMemory,
  getPeakMemory: evaluation.getPeakMemory,
  getCacheMemory: evaluation.getCacheMemory,
  getMemoryLimit: evaluation.getMemoryLimit,
  resetPeakMemory: evaluation.resetPeakMemory,
  clearCache: evaluation.clearCache,
  setMemoryLimit: evaluation.setMemoryLimit,
  setCacheLimit: evaluation.setCacheLimit,
  version: evaluation.version,
  // devices and streams
  cpu: device.cpu,
  gpu: device.gpu,
  defaultDevice: device.defaultDevice,
  setDefaultDevice: device.setDefaultDevice,
  newStream: device.newStream,
  synchronize: device.synchronize,
  isAvailable: device.isAvailable,
  deviceCount: device.deviceCount,
  metal: device.metal,
  cuda: device.cuda,
  // I/O
  loadSafetensors,
  saveSafetensors,
  readSafetensorsHeader,
  // namespaces
  fast,
  random,
  linalg,
} as const;
