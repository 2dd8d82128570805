// MLX dtypes as JS objects: `mx.float32`, `mx.bfloat16`, ... Codes follow mlx::core::Dtype::Val.

export type DtypeName =
  | 'bool'
  | 'uint8'
  | 'uint16'
  | 'uint32'
  | 'uint64'
  | 'int8'
  | 'int16'
  | 'int32'
  | 'int64'
  | 'float16'
  | 'float32'
  | 'float64'
  | 'bfloat16'
  | 'complex64';

export type DtypeKind = 'bool' | 'uint' | 'int' | 'float' | 'complex';

export interface Dtype {
  readonly name: DtypeName;
  /** Index in mlx::core::Dtype::Val (what the addon takes). */
  readonly code: number;
  /** Bytes per element. */
  readonly size: number;
  readonly kind: DtypeKind;
  toString(): string;
}

function make(name: DtypeName, code: number, size: number, kind: DtypeKind): Dtype {
  return Object.freeze({ name, code, size, kind, toString: () => `mx.${name}` });
}

export const bool = make('bool', 0, 1, 'bool');
export const uint8 = make('uint8', 1, 1, 'uint');
export const uint16 = make('uint16', 2, 2, 'uint');
export const uint32 = make('uint32', 3, 4, 'uint');
export const uint64 = make('uint64', 4, 8, 'uint');
export const int8 = make('int8', 5, 1, 'int');
export const int16 = make('int16', 6, 2, 'int');
export const int32 = make('int32', 7, 4, 'int');
export const int64 = make('int64', 8, 8, 'int');
export const float16 = make('float16', 9, 2, 'float');
export const float32 = make('float32', 10, 4, 'float');
export const float64 = make('float64', 11, 8, 'float');
export const bfloat16 = make('bfloat16', 12, 2, 'float');
export const complex64 = make('complex64', 13, 8, 'complex');

export const dtypes: readonly Dtype[] = [
  bool, uint8, uint16, uint32, uint64, int8, int16, int32, int64, float16, float32, float64, bfloat16, complex64,
];

export function dtypeFromCode(code: number): Dtype {
  const dtype = dtypes[code];
  if (!dtype) throw new Error(`unknown dtype code ${code}`);
  return dtype;
}

export function dtypeFromName(name: string): Dtype {
  const dtype = dtypes.find((d) => d.name === name);
  if (!dtype) throw new Error(`unknown dtype '${name}'; expected one of ${dtypes.map((d) => d.name).join(', ')}`);
  return dtype;
}

export function isDtype(value: unknown): value is Dtype {
  return typeof value === 'object' && value !== null && dtypes.includes(value as Dtype);
}

export const isFloating = (dtype: Dtype): boolean => dtype.kind === 'float' || dtype.kind === 'complex';
export const isInteger = (dtype: Dtype): boolean => dtype.kind === 'int' || dtype.kind === 'uint';
