import { fileURLToPath } from 'node:url';
import { basename, dirname, join } from 'node:path';

/**
 * Test settings every package shares. Tests run in one fork at a time: MLX's CPU backend is
 * single-threaded and CI has 2 cores, so parallel files only fight for the same core.
 * Each package writes a JSON report that scripts/run-tests.mjs sums into the closing line.
 */
export function sharedTestConfig(configUrl: string) {
  const packageDir = dirname(fileURLToPath(configUrl));
  const repoRoot = join(packageDir, '..', '..');
  return {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    pool: 'forks' as const,
    poolOptions: { forks: { singleFork: true } },
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: ['default', 'json'],
    outputFile: { json: join(repoRoot, '.vitest-results', `${basename(packageDir)}.json`) },
  };
}
