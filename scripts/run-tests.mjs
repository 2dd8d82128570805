#!/usr/bin/env node
// Runs every package's tests (dependencies first, one package at a time: MLX's CPU backend is single-threaded),
// then sums the vitest JSON reports into one closing line: "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './lib/mlx-location.mjs';

const packages = ['math', 'native-mlx', 'runtime', 'eval', 'cli'];
const resultsDir = join(repoRoot, '.vitest-results');
rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });
const only = process.argv.slice(2);

let exitCode = 0;
let passed = 0;
let failed = 0;
let skipped = 0;
for (const name of packages) {
  if (only.length && !only.includes(name)) continue;
  const cwd = join(repoRoot, 'packages', name);
  console.log(`\n=== @turbomlx/${name} ===`);
  const vitest = join(repoRoot, 'node_modules', '.bin', 'vitest');
  const result = spawnSync(vitest, ['run', '--passWithNoTests'], { cwd, stdio: 'inherit' });
  const report = join(resultsDir, `${name}.json`);
  if (existsSync(report)) {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    passed += json.numPassedTests;
    failed += json.numFailedTests;
    skipped += json.numPendingTests + json.numTodoTests;
    // A file that failed to load counts as a failure even when no test inside it ran.
    failed += json.testResults.filter((t) => t.status === 'failed' && t.assertionResults.length === 0).length;
  } else if (result.status !== 0) {
    failed += 1;
  }
  if (result.status !== 0) exitCode = 1;
}
console.log('');
const summary = `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
writeFileSync(join(resultsDir, 'summary.txt'), `${summary}\n`);
console.log(summary);
process.exit(exitCode || (failed > 0 ? 1 : 0));
