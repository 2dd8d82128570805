// `turbomlx demo`: an end-to-end check that MLX works from TypeScript on this machine: the doctor summary, then
// attention through MLX's fused kernel against the same formula from plain ops, an affine-quantized matmul
// against its dense reference, and a safetensors round trip. Later issues turn this into the TurboQuant demo.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectDoctorReport, formatDoctorReport } from './doctor.js';
import { parseOptions, runCommand } from './args.js';

const HELP = `Usage: turbomlx demo [--json]

Prints the doctor summary, then runs a small end-to-end MLX computation and checks it against references.`;

interface DemoCheck {
  name: string;
  detail: string;
  error: number;
  tolerance: number;
  ok: boolean;
  ms: number;
}

export async function demoCommand(argv: string[]): Promise<number> {
  return runCommand('demo', async () => {
    const { values } = parseOptions(argv, { json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } });
    if (values.help) {
      console.log(HELP);
      return 0;
    }
    const report = await collectDoctorReport();
    if (!report.ok) {
      console.log(values.json ? JSON.stringify({ doctor: report, checks: [] }, null, 2) : formatDoctorReport(report));
      return 1;
    }
    const { mx } = await import('@turbomlx/native-mlx');
    type Arr = ReturnType<typeof mx.array>;
    const maxAbs = (a: Arr, b: Arr): number => mx.tidy(() => mx.max(mx.abs(mx.subtract(a, b))).item() as number);
    const timed = <T>(fn: () => T): [T, number] => {
      const start = performance.now();
      const value = fn();
      return [value, performance.now() - start];
    };
    const checks: DemoCheck[] = [];
    const key = mx.random.key(2026);
    const [k1, k2, k3, k4] = mx.random.split(key, 4).tolist() as number[][];
    const keyOf = (pair: number[] | undefined) => mx.array(pair!, mx.uint32);

    // Grouped-query causal attention, shaped like one Qwen3 layer: 16 query heads over 8 KV heads, head_dim 128.
    mx.tidy(() => {
      const [B, H, Hkv, L, D] = [1, 16, 8, 64, 128];
      const q = mx.random.normal([B, H, L, D], mx.float32, 0, 1, { key: keyOf(k1) });
      const k = mx.random.normal([B, Hkv, L, D], mx.float32, 0, 1, { key: keyOf(k2) });
      const v = mx.random.normal([B, Hkv, L, D], mx.float32, 0, 1, { key: keyOf(k3) });
      const scale = 1 / Math.sqrt(D);
      const [fused, ms] = timed(() => {
        const out = mx.fast.scaledDotProductAttention(q, k, v, scale, { mask: 'causal' });
        mx.eval(out);
        return out;
      });
      // Reference from plain ops: repeat KV heads, scores, causal mask, softmax, weighted sum.
      const kr = mx.repeat(k, H / Hkv, 1);
      const vr = mx.repeat(v, H / Hkv, 1);
      const scores = mx.multiply(mx.matmul(q, mx.swapaxes(kr, -1, -2)), scale);
      const causal = mx.tril(mx.ones([L, L], mx.bool));
      const masked = mx.where(causal, scores, -Infinity);
      const reference = mx.matmul(mx.softmax(masked, -1, true), vr);
      const error = maxAbs(fused, reference);
      checks.push({ name: 'attention', detail: `GQA ${H}/${Hkv} heads, L=${L}, D=${D}, causal: fused vs plain ops`, error, tolerance: 1e-4, ok: error <= 1e-4, ms });
    });

    // 4-bit affine quantized matmul against the dense product with the dequantized weights.
    mx.tidy(() => {
      const x = mx.random.normal([8, 512], mx.float32, 0, 1, { key: keyOf(k4) });
      const w = mx.random.normal([256, 512], mx.float32, 0, 0.05, { key: keyOf(k1) });
      const [wq, scales, biases] = mx.quantize(w, { groupSize: 64, bits: 4 });
      const [out, ms] = timed(() => {
        const y = mx.quantizedMatmul(x, wq!, scales!, biases!, { groupSize: 64, bits: 4 });
        mx.eval(y);
        return y;
      });
      const dense = mx.matmul(x, mx.dequantize(wq!, scales!, biases!, { groupSize: 64, bits: 4 }).T);
      const error = maxAbs(out, dense) / (mx.max(mx.abs(dense)).item() as number);
      checks.push({ name: 'quantized matmul', detail: '4-bit affine, group 64, (8x512) @ (256x512)^T vs dequantized dense', error, tolerance: 1e-5, ok: error <= 1e-5, ms });
    });

    // safetensors round trip of a bfloat16 tensor with metadata.
    const dir = mkdtempSync(join(tmpdir(), 'turbomlx-demo-'));
    try {
      mx.tidy(() => {
        const weights = mx.random.normal([64, 64], mx.bfloat16, 0, 1, { key: keyOf(k2) });
        const path = join(dir, 'demo.safetensors');
        const [loaded, ms] = timed(() => {
          mx.saveSafetensors(path, { weights }, { source: 'turbomlx demo' });
          return mx.loadSafetensors(path);
        });
        const error = maxAbs(loaded.arrays.weights!, weights);
        const ok = error === 0 && loaded.metadata.source === 'turbomlx demo';
        checks.push({ name: 'safetensors', detail: 'bfloat16 (64x64) + metadata, save and load', error, tolerance: 0, ok, ms });
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    const ok = checks.every((c) => c.ok);
    if (values.json) {
      console.log(JSON.stringify({ doctor: report, checks, ok }, null, 2));
    } else {
      console.log(formatDoctorReport(report));
      console.log('\nEnd-to-end checks');
      console.log('| check | what | max error | tolerance | time | result |');
      console.log('| --- | --- | ---: | ---: | ---: | --- |');
      for (const c of checks) {
        console.log(`| ${c.name} | ${c.detail} | ${c.error.toExponential(2)} | ${c.tolerance.toExponential(0)} | ${c.ms.toFixed(1)} ms | ${c.ok ? 'ok' : 'FAILED'} |`);
      }
      console.log(ok ? '\nAll checks passed.' : '\nSome checks FAILED.');
    }
    return ok ? 0 : 1;
  });
}
