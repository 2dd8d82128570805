// Where the pinned MLX SDK lives in this checkout, shared by setup, the addon build and the runtime loader.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const pins = JSON.parse(readFileSync(join(repoRoot, 'scripts', 'mlx-pins.json'), 'utf8'));

/** The MLX backend to use: TURBOMLX_MLX_BACKEND (cpu | metal | cuda) or the platform's default. */
export function selectedBackend(env = process.env) {
  const requested = env.TURBOMLX_MLX_BACKEND?.trim().toLowerCase();
  if (requested) {
    if (!(requested in pins.backends)) {
      throw new Error(
        `TURBOMLX_MLX_BACKEND must be one of ${Object.keys(pins.backends).join(', ')}; got '${requested}'`,
      );
    }
    return requested;
  }
  return process.platform === 'darwin' && process.arch === 'arm64' ? 'metal' : 'cpu';
}

/** Folder holding mlx/ (and mlx_cpu.libs/ or nvidia/) for one backend. */
export function mlxInstallDir(backend) {
  return join(repoRoot, '.mlx', `${backend}-${pins.version}`);
}
