// Binding overhead and a large matmul. Run with `npm run bench` (never part of the tests).
import { mx } from '../src/index.js';
import { measure, report } from '../../../scripts/lib/bench.ts';

const calls = 20_000;
const results = [];

// Per-op dispatch: building a graph node from JS (validation, N-API call, wrapping the result), no evaluation.
const small = mx.ones([4]);
mx.eval(small);
results.push(
  await measure(
    'dispatch: mx.add(a, b), lazy, disposed in tidy',
    () => mx.tidy(() => {
      for (let i = 0; i < calls; i++) mx.add(small, small);
    }),
    { warmup: 2, runs: 7, units: calls, unitName: 'op' },
  ),
);

// Dispatch plus a synchronous evaluation of each op: the cost an eager loop pays per step.
results.push(
  await measure(
    'dispatch + eval: add then eval, per op',
    () => {
      for (let i = 0; i < calls / 10; i++) mx.tidy(() => mx.eval(mx.add(small, small)));
    },
    { warmup: 2, runs: 7, units: calls / 10, unitName: 'op' },
  ),
);

// 1024 x 1024 float32 matmul, evaluated.
const a = mx.random.normal([1024, 1024], mx.float32, 0, 1, { key: mx.random.key(1) });
const b = mx.random.normal([1024, 1024], mx.float32, 0, 1, { key: mx.random.key(2) });
mx.eval(a, b);
const matmul = await measure('matmul 1024x1024 float32', () => mx.tidy(() => mx.eval(mx.matmul(a, b))), {
  warmup: 2,
  runs: 7,
  units: 1,
  unitName: 'matmul',
});
results.push(matmul);

report(`@turbomlx/native-mlx ops (MLX ${mx.version()}, default device ${mx.defaultDevice().type})`, results);
console.log(`matmul 1024x1024 float32: ${((2 * 1024 ** 3) / matmul.medianS / 1e9).toFixed(1)} GFLOP/s (median of ${matmul.runs})`);
