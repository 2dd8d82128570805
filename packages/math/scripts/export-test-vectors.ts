// Regenerates fixtures/turboquant/test-vectors.v1.json (deterministic): `npm run export-test-vectors` or
// `npx tsx scripts/export-test-vectors.ts [--seed N] [--out PATH]` from packages/math.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_TEST_VECTORS_SEED, TEST_VECTORS_PATH, buildTestVectors, serializeTestVectors } from '../src/test-vectors.ts';

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = resolve(packageDir, '..', '..');
const { values } = parseArgs({
  options: { seed: { type: 'string' }, out: { type: 'string' } },
  strict: true,
});
const seed = values.seed === undefined ? DEFAULT_TEST_VECTORS_SEED : Number(values.seed);
if (!Number.isSafeInteger(seed) || seed < 0) {
  console.error(`--seed must be a non-negative integer (got ${values.seed})`);
  process.exit(2);
}
const packageVersion = (JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string }).version;
const outPath = values.out ? resolve(values.out) : join(repoRoot, TEST_VECTORS_PATH);
const started = performance.now();
const text = serializeTestVectors(buildTestVectors({ seed, packageVersion }));
mkdirSync(dirname(outPath), { recursive: true });
writeFileSync(outPath, text);
console.log(`wrote ${outPath} (${(text.length / 1e6).toFixed(2)} MB) in ${((performance.now() - started) / 1000).toFixed(2)} s`);
