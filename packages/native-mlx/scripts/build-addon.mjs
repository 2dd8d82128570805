#!/usr/bin/env node
// Builds build/turbomlx.node against the pinned MLX SDK fetched by `npm run setup`.
// Incremental: CMake rebuilds only what changed. Writes build/addon-info.json (backend, MLX version, paths).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mlxInstallDir, pins, selectedBackend } from '../../../scripts/lib/mlx-location.mjs';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(packageDir, 'package.json'));
const backend = selectedBackend();
const mlxRoot = join(mlxInstallDir(backend), 'mlx');
if (!existsSync(join(mlxRoot, 'share', 'cmake', 'MLX', 'MLXConfig.cmake'))) {
  console.error(`[build-addon] MLX ${pins.version} (${backend}) is not installed at ${mlxRoot}. Run: npm run setup`);
  process.exit(1);
}
const buildDir = join(packageDir, 'build', `cmake-${backend}`);
mkdirSync(buildDir, { recursive: true });
const nodeApiHeaders = require('node-api-headers').include_dir;
const nodeAddonApi = dirname(require.resolve('node-addon-api/package.json'));

const configureArgs = [
  '-S', packageDir, '-B', buildDir,
  '-DCMAKE_BUILD_TYPE=Release',
  `-DMLX_ROOT=${mlxRoot}`,
  `-DNODE_API_HEADERS_DIR=${nodeApiHeaders}`,
  `-DNODE_ADDON_API_DIR=${nodeAddonApi}`,
];
if (backend === 'cuda') {
  // MLX's CUDA CMake config looks for cuDNN; the nvidia-cudnn wheel sits beside mlx/.
  const cudnn = join(mlxInstallDir(backend), 'nvidia', 'cudnn');
  configureArgs.push(`-DCUDNN_INCLUDE_PATH=${join(cudnn, 'include')}`, `-DCUDNN_LIBRARY_PATH=${join(cudnn, 'lib')}`);
}
if (spawnSync('ninja', ['--version'], { stdio: 'ignore' }).status === 0 && !existsSync(join(buildDir, 'Makefile'))) {
  configureArgs.push('-G', 'Ninja');
}
const cmake = (args) => {
  const result = spawnSync('cmake', args, { stdio: 'inherit' });
  if (result.error) {
    console.error(`[build-addon] cmake is needed to build the addon (${result.error.message}). Install cmake >= 3.24.`);
    process.exit(1);
  }
  if (result.status !== 0) process.exit(result.status ?? 1);
};
if (!existsSync(join(buildDir, 'CMakeCache.txt'))) cmake(configureArgs);
cmake(['--build', buildDir, '--config', 'Release', '--parallel', String(Math.max(2, (await import('node:os')).cpus().length))]);

const built = join(buildDir, 'turbomlx.node');
const target = join(packageDir, 'build', 'turbomlx.node');
// Copy through a temp file and rename, so a running process never sees a half-written addon.
const temp = `${target}.tmp-${process.pid}`;
writeFileSync(temp, readFileSync(built));
renameSync(temp, target);
const info = { backend, mlxVersion: pins.version, mlxRoot, builtAt: new Date().toISOString() };
writeFileSync(join(packageDir, 'build', 'addon-info.json'), `${JSON.stringify(info, null, 2)}\n`);
console.log(`[build-addon] built ${target} (MLX ${pins.version}, ${backend})`);
