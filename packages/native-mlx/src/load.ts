// Finds and loads build/turbomlx.node. The only place that touches the .node file: everything else goes through
// the typed API, and a failed load says what is missing and the command that fixes it.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { NativeAddon } from './native-types.js';

export interface AddonInfo {
  /** Absolute path of the loaded turbomlx.node. */
  path: string;
  /** MLX backend the addon was built against: cpu, metal or cuda. */
  backend: string;
  /** MLX version pinned at build time (the loaded library reports its own through mx.version()). */
  mlxVersion: string;
  /** Folder holding the MLX SDK the addon links to. */
  mlxRoot: string;
}

const FIX = 'Run `npm run setup` in the TurboMLX checkout (it fetches MLX and builds the addon).';

function addonPath(): string {
  const override = process.env.TURBOMLX_ADDON_PATH;
  if (override) return override;
  // src/load.ts and dist/index.js both sit one level below the package root.
  return fileURLToPath(new URL('../build/turbomlx.node', import.meta.url));
}

let cached: { addon: NativeAddon; info: AddonInfo } | undefined;

export function loadAddon(): { addon: NativeAddon; info: AddonInfo } {
  if (cached) return cached;
  const path = addonPath();
  if (!existsSync(path)) {
    throw new Error(`TurboMLX's native addon was not found at ${path}. ${FIX}`);
  }
  const infoPath = fileURLToPath(new URL('../build/addon-info.json', import.meta.url));
  let info: AddonInfo = { path, backend: 'unknown', mlxVersion: 'unknown', mlxRoot: 'unknown' };
  if (existsSync(infoPath)) {
    const recorded = JSON.parse(readFileSync(infoPath, 'utf8')) as Partial<AddonInfo>;
    info = { ...info, ...recorded, path };
  }
  let addon: NativeAddon;
  try {
    addon = createRequire(import.meta.url)(path) as NativeAddon;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const missingMlx = /libmlx|mlx_cpu\.libs|libblas|liblapack|libcudnn|libcublas/i.test(message);
    throw new Error(
      missingMlx
        ? `TurboMLX's native addon could not load the MLX library (${message}). The MLX SDK expected in ` +
            `${info.mlxRoot} is missing or incomplete. ${FIX}`
        : `TurboMLX's native addon at ${path} could not be loaded: ${message}. ${FIX}`,
    );
  }
  cached = { addon, info };
  return cached;
}
