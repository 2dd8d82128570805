#!/usr/bin/env node
// Runs every benches/*.bench.ts of the current package, one after another, with tsx.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = join(process.cwd(), 'benches');
const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.bench.ts')).sort() : [];
if (files.length === 0) {
  console.log(`no benchmarks in ${process.cwd()}`);
  process.exit(0);
}
for (const file of files) {
  const result = spawnSync('tsx', [join(dir, file)], { stdio: 'inherit', shell: false });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
