#!/usr/bin/env node
// Runs the repo-local pnpm (installed by `npm run setup` into .tools/) with the given arguments.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { repoRoot } from './lib/mlx-location.mjs';

const pnpmCli = join(repoRoot, '.tools', 'node_modules', 'pnpm', 'bin', 'pnpm.cjs');
if (!existsSync(pnpmCli)) {
  console.error('pnpm is not installed in this checkout. Run: npm run setup');
  process.exit(1);
}
process.env.PATH = `${join(repoRoot, '.tools', 'node_modules', '.bin')}${delimiter}${process.env.PATH ?? ''}`;
process.env.TURBO_TELEMETRY_DISABLED = '1';
const result = spawnSync(process.execPath, [pnpmCli, ...process.argv.slice(2)], { stdio: 'inherit', cwd: process.cwd() });
process.exit(result.status ?? 1);
