#!/usr/bin/env node
// `npm run setup`: installs everything TurboMLX needs into this checkout, and nothing outside it.
//   1. pnpm (pinned, into .tools/)
//   2. node dependencies (pnpm install, from the lockfile)
//   3. MLX's official backend wheel (pinned version and sha256, into .mlx/<backend>-<version>/)
//   4. the native addon (CMake) and every package (turbo build, cached)
// Each step checks its own state first, so a second run does no work.  --if-needed prints only what it does.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { mlxInstallDir, pins, repoRoot, selectedBackend } from './lib/mlx-location.mjs';

const quiet = process.argv.includes('--if-needed');
// Child processes (turbo, the package scripts) find the repo-local pnpm first; turbo needs it on PATH.
process.env.PATH = `${join(repoRoot, '.tools', 'node_modules', '.bin')}${delimiter}${process.env.PATH ?? ''}`;
process.env.TURBO_TELEMETRY_DISABLED = '1';
process.env.DO_NOT_TRACK = '1';
const started = Date.now();
const log = (message) => {
  if (!quiet) console.log(`[setup] ${message}`);
};
const act = (message) => console.log(`[setup] ${message}`);

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit', cwd: repoRoot, ...options });
  if (result.error) throw new Error(`[setup] could not start ${command}: ${result.error.message}`);
  if (result.status !== 0) {
    if (quiet) {
      process.stdout.write(result.stdout ?? '');
      process.stderr.write(result.stderr ?? '');
    }
    throw new Error(`[setup] '${command} ${args.join(' ')}' failed with exit code ${result.status}`);
  }
  return result;
}

function hashFiles(paths) {
  const hash = createHash('sha256');
  for (const path of paths) {
    hash.update(path);
    hash.update(existsSync(path) ? readFileSync(path) : 'missing');
  }
  return hash.digest('hex');
}

// 1. pnpm
const pnpmVersion = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).packageManager.split('@')[1];
const toolsDir = join(repoRoot, '.tools');
const pnpmPackageJson = join(toolsDir, 'node_modules', 'pnpm', 'package.json');
const havePnpm = existsSync(pnpmPackageJson) && JSON.parse(readFileSync(pnpmPackageJson, 'utf8')).version === pnpmVersion;
if (!havePnpm) {
  act(`installing pnpm ${pnpmVersion} into .tools/`);
  mkdirSync(toolsDir, { recursive: true });
  writeFileSync(join(toolsDir, 'package.json'), '{ "private": true }\n');
  run('npm', ['install', '--prefix', toolsDir, '--no-package-lock', '--no-save', `pnpm@${pnpmVersion}`]);
} else log(`pnpm ${pnpmVersion} present`);
const pnpmCli = join(toolsDir, 'node_modules', 'pnpm', 'bin', 'pnpm.cjs');
const pnpm = (args) => run(process.execPath, [pnpmCli, ...args]);

// 2. node dependencies
const manifests = ['package.json', 'pnpm-lock.yaml', 'pnpm-workspace.yaml', ...['math', 'native-mlx', 'runtime', 'eval', 'cli'].map((p) => `packages/${p}/package.json`)].map((p) => join(repoRoot, p));
const depsStamp = join(repoRoot, 'node_modules', '.turbomlx-deps-stamp');
const depsHash = hashFiles(manifests);
if (!existsSync(depsStamp) || readFileSync(depsStamp, 'utf8') !== depsHash) {
  act('installing node dependencies');
  const frozen = existsSync(join(repoRoot, 'pnpm-lock.yaml')) && (process.env.CI === 'true' || quiet);
  pnpm(['install', frozen ? '--frozen-lockfile' : '--no-frozen-lockfile', '--reporter=append-only']);
  writeFileSync(depsStamp, hashFiles(manifests));
} else log('node dependencies up to date');

// 3. MLX
const backend = selectedBackend();
const spec = pins.backends[backend];
const mlxDir = mlxInstallDir(backend);
const mlxMarker = join(mlxDir, '.complete');
const expectedMarker = JSON.stringify({ package: spec.package, version: pins.version, hashes: spec.hashes });
if (!existsSync(mlxMarker) || readFileSync(mlxMarker, 'utf8') !== expectedMarker) {
  act(`fetching ${spec.package}==${pins.version} (MLX ${backend} backend) into .mlx/`);
  const python = findPython();
  const staging = `${mlxDir}.partial`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const requirements = join(staging, 'requirements.txt');
  writeFileSync(requirements, `${spec.package}==${pins.version} ${spec.hashes.map((h) => `--hash=sha256:${h}`).join(' ')}\n`);
  const pipBase = ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-input', '--quiet', '--root-user-action=ignore', '--no-compile', '--only-binary=:all:', '--target', staging];
  run(python, [...pipBase, '--no-deps', '--require-hashes', '-r', requirements]);
  if (spec.runtimeDependencies?.length) {
    // The CUDA wheel finds the NVIDIA runtime libraries beside it through RPATH. Their versions are the ranges that
    // mlx-cuda-13's own metadata declares; pip does not allow hash pins on ranges.
    act(`fetching the NVIDIA runtime wheels mlx-cuda-13 needs: ${spec.runtimeDependencies.join(', ')}`);
    run(python, [...pipBase, '--no-deps', ...spec.runtimeDependencies]);
  }
  rmSync(requirements);
  if (!existsSync(join(staging, 'mlx', 'share', 'cmake', 'MLX', 'MLXConfig.cmake'))) {
    throw new Error(`[setup] ${spec.package} installed without mlx/share/cmake/MLX/MLXConfig.cmake: not a backend wheel?`);
  }
  writeFileSync(join(staging, '.complete'), expectedMarker);
  rmSync(mlxDir, { recursive: true, force: true });
  renameSync(staging, mlxDir);
} else log(`MLX ${pins.version} (${backend}) present in ${mlxDir}`);

// 4. addon + packages (turbo caches what did not change; the addon build is incremental)
log('building packages');
pnpm(['exec', 'turbo', 'run', 'build', '--output-logs=errors-only', ...(quiet ? [] : ['--log-order=grouped'])]);
log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);

function findPython() {
  for (const candidate of [process.env.PYTHON, 'python3', 'python'].filter(Boolean)) {
    const probe = spawnSync(candidate, ['-m', 'pip', '--version'], { stdio: 'ignore' });
    if (probe.status === 0) return candidate;
  }
  throw new Error('[setup] MLX is fetched with pip, and no Python 3 with pip was found. Install python3 and python3-pip (or set PYTHON=/path/to/python3).');
}
