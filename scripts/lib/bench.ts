// Shared benchmark harness for benches/*.bench.ts (run by `npm run bench`, never by tests).
// Warm-up first, then at least 3 measured runs; reports the median and the spread.
import { cpus } from 'node:os';

export interface BenchResult {
  name: string;
  /** Median seconds per run. */
  medianS: number;
  minS: number;
  maxS: number;
  runs: number;
  /** Work units per run (e.g. vectors, op calls); throughput = units / medianS. */
  units: number;
  unitName: string;
}

export interface BenchOptions {
  warmup?: number;
  runs?: number;
  units?: number;
  unitName?: string;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Times `fn` (sync or async): `warmup` unmeasured runs, then `runs` measured ones (at least 3). */
export async function measure(name: string, fn: () => unknown, options: BenchOptions = {}): Promise<BenchResult> {
  const warmup = options.warmup ?? 2;
  const runs = Math.max(3, options.runs ?? 5);
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  return {
    name,
    medianS: median(times),
    minS: Math.min(...times),
    maxS: Math.max(...times),
    runs,
    units: options.units ?? 1,
    unitName: options.unitName ?? 'run',
  };
}

export function machineLine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown cpu';
  return `${process.platform} ${process.arch}, ${cpus().length} cores (${cpu}), Node ${process.version}`;
}

/** Prints results as a table, with throughput in units per second. */
export function report(title: string, results: BenchResult[]): void {
  console.log(`\n## ${title}`);
  console.log(`machine: ${machineLine()}`);
  console.log('| case | median | min | max | runs | throughput |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results) {
    const perUnit = r.medianS / r.units;
    const throughput = r.units / r.medianS;
    console.log(
      `| ${r.name} | ${formatSeconds(r.medianS)} | ${formatSeconds(r.minS)} | ${formatSeconds(r.maxS)} | ${r.runs} | ` +
        `${formatCount(throughput)} ${r.unitName}/s (${formatSeconds(perUnit)} per ${r.unitName}) |`,
    );
  }
}

export function formatSeconds(s: number): string {
  if (s < 1e-6) return `${(s * 1e9).toFixed(1)} ns`;
  if (s < 1e-3) return `${(s * 1e6).toFixed(2)} us`;
  if (s < 1) return `${(s * 1e3).toFixed(2)} ms`;
  return `${s.toFixed(3)} s`;
}

function formatCount(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)}M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)}k`;
  return n.toFixed(1);
}
