// Throughput of the pure-TS reference TurboQuant: quantize, dequantize and inner-product estimates (one query
// against a batch of keys, the attention-scoring pattern), in vectors per second, for d = 128 and 256 at 2, 3 and
// 4 bits with each bit width's default mode (2 -> prod, 3 and 4 -> mse), both rotations. Run with `npm run bench`.
import { measure, report, type BenchResult } from '../../../scripts/lib/bench.ts';
import { createRng, createTurboQuant, defaultMode, type RotationKind } from '../src/index.ts';

const BATCH = 2048;
const results: BenchResult[] = [];

for (const dim of [128, 256]) {
  const rng = createRng(dim);
  const keys = Float32Array.from({ length: BATCH * dim }, () => rng.nextGaussian());
  const query = Float32Array.from({ length: dim }, () => rng.nextGaussian());
  for (const rotation of ['haar', 'hadamard'] as RotationKind[]) {
    for (const bitsTotal of [2, 3, 4]) {
      const mode = defaultMode(bitsTotal);
      const quantizer = createTurboQuant({ dim, bitsTotal, mode, rotation, seed: 1 });
      const quantized = quantizer.quantizeBatch(keys, BATCH);
      const prepared = quantizer.prepareQueries(query, 1);
      const label = `d=${dim} bits=${bitsTotal} ${mode} ${rotation}`;
      const options = { warmup: 2, runs: 5, units: BATCH, unitName: 'vector' };
      results.push(await measure(`quantize ${label}`, () => quantizer.quantizeBatch(keys, BATCH), options));
      results.push(await measure(`dequantize ${label}`, () => quantizer.dequantizeBatch(quantized), options));
      results.push(await measure(`estimate (1 query x ${BATCH} keys) ${label}`, () => quantizer.estimateInnerProductsBatch(prepared, quantized), options));
    }
  }
}

report(`@turbomlx/math TurboQuant reference (batch ${BATCH})`, results);
