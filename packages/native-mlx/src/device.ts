// Devices, streams and the per-call stream option.
import { loadAddon } from './load.js';

export interface Device {
  readonly type: 'cpu' | 'gpu';
  readonly index: number;
}

/** A stream made by `mx.newStream(device)`. Work on one stream runs in order; streams may overlap. */
export interface Stream {
  readonly device: Device;
  /** Addon handle (16 + index in its stream table). */
  readonly code: number;
}

/** Every op takes this as its last, optional argument: run on a device's default stream or on a given stream. */
export interface StreamOptions {
  stream?: Device | Stream;
}

export const cpu: Device = Object.freeze({ type: 'cpu', index: 0 });
export const gpu: Device = Object.freeze({ type: 'gpu', index: 0 });

const native = () => loadAddon().addon;

/** The addon's stream code for an op's options: -1 default stream, 0 CPU, 1 GPU, 16+ a made stream. */
export function streamCode(options?: StreamOptions): number {
  const target = options?.stream;
  if (target === undefined) return -1;
  if ('code' in target && typeof target.code === 'number') return target.code;
  if ('type' in target) {
    if (target.type === 'cpu') return 0;
    if (target.type === 'gpu') return 1;
  }
  throw new TypeError(`[stream] parameter 'stream': expected mx.cpu, mx.gpu or a Stream from mx.newStream()`);
}

export function defaultDevice(): Device {
  return native().defaultDevice() as Device;
}

export function setDefaultDevice(device: Device): void {
  if (device?.type !== 'cpu' && device?.type !== 'gpu') {
    throw new TypeError(`[set_default_device] parameter 'device': expected mx.cpu or mx.gpu`);
  }
  native().setDefaultDevice(device.type, device.index ?? 0);
}

export function newStream(device: Device): Stream {
  if (device?.type !== 'cpu' && device?.type !== 'gpu') {
    throw new TypeError(`[new_stream] parameter 'device': expected mx.cpu or mx.gpu`);
  }
  return Object.freeze({ device, code: native().newStream(device.type) as number });
}

/** Waits until all work queued on `stream` (default: every stream) is done. */
export function synchronize(stream?: Device | Stream): void {
  native().synchronize(stream === undefined ? -1 : streamCode({ stream }));
}

export function isAvailable(device: Device): boolean {
  return native().isAvailable(device.type) as boolean;
}

export function deviceCount(type: 'cpu' | 'gpu'): number {
  return native().deviceCount(type) as number;
}

export const metal = { isAvailable: (): boolean => native().metalIsAvailable() as boolean };
export const cuda = { isAvailable: (): boolean => native().cudaIsAvailable() as boolean };
