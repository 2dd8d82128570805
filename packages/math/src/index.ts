// @turbomlx/math: the pure-TypeScript reference math of TurboQuant (Zandieh et al., arXiv 2504.19874).
// Zero runtime dependencies, no Node built-ins: runs in Node and in browsers.

export const packageName = '@turbomlx/math';

export { MAX_SEED, Xoshiro128StarStar, createRng, deriveSeed, randomUnitVectors, splitmix64, validateSeed } from './rng.js';
export type { Rng } from './rng.js';

export { erfc, logBeta, logGamma, normalUpperTail, regularizedIncompleteBeta } from './special.js';

export {
  createRotation,
  hadamardSigns,
  haarOrthogonalMatrix,
  isPowerOfTwo,
  validateRotationKind,
} from './rotation.js';
export type { Rotation, RotationKind, RotationOptions } from './rotation.js';

export {
  MAX_CODEBOOK_BITS,
  clearCodebookCache,
  conditionalMean,
  coordinateCdf,
  coordinateDensity,
  lloydMaxCodebook,
  quantizeScalar,
  searchBoundaries,
  validateBits,
  validateCodebookDim,
} from './codebook.js';
export type { Codebook, CodebookDensity, CodebookOptions } from './codebook.js';

export { packIndices, packSigns, packedWordsPerRow, unpackIndices, unpackSigns } from './packing.js';

export { QJL_SCALE, createQjl, qjlGaussianMatrix } from './qjl.js';
export type { Qjl, QjlOptions, QjlSketch, QjlSketchBatch } from './qjl.js';

export { QJL_SEED_STREAM, TurboQuant, createTurboQuant, defaultMode } from './turboquant.js';
export type {
  PreparedQueries,
  QuantizedBatch,
  QuantizedVector,
  StorageBits,
  TurboQuantMode,
  TurboQuantOptions,
} from './turboquant.js';

export {
  MixedPrecisionQuantizer,
  OUTLIER_SEED_STREAM,
  REGULAR_SEED_STREAM,
  createMixedPrecision,
  effectiveBits,
  mixedPrecisionProfile,
  selectTopkChannels,
} from './profile.js';
export type {
  CalibrationStatistic,
  MixedPrecisionBatch,
  MixedPrecisionOptions,
  MixedPrecisionProfileName,
  MixedPrecisionSplit,
  OutlierSelectionPolicy,
} from './profile.js';

export {
  PAPER_MSE_DISTORTION,
  PAPER_PROD_DISTORTION_TIMES_DIM,
  SAMPLE_SEED_STREAM,
  expectedMseDistortion,
  expectedProdDistortion,
  innerProductErrorStats,
  meanSquaredError,
  mseDistortionBounds,
  paperMseDistortion,
  paperProdDistortion,
  prodDistortionBounds,
  simulateDistortion,
  squaredDistance,
} from './metrics.js';
export type {
  DistortionBounds,
  DistortionOptions,
  DistortionReport,
  DistortionRow,
  InnerProductErrorStats,
} from './metrics.js';

export {
  DEFAULT_TEST_VECTORS_SEED,
  TEST_VECTORS_FORMAT,
  TEST_VECTORS_FORMAT_VERSION,
  TEST_VECTORS_PATH,
  buildTestVectors,
  serializeTestVectors,
  shortestFloat32,
} from './test-vectors.js';
export type {
  BuildTestVectorsOptions,
  TestVectorCase,
  TestVectorCodebook,
  TestVectorQjlMatrix,
  TestVectorRotation,
  TestVectorsFile,
} from './test-vectors.js';

export type { VectorLike } from './linalg.js';
