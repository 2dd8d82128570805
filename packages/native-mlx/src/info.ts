import { loadAddon, type AddonInfo } from './load.js';

/** Where the addon was loaded from and the MLX build it was made against. */
export function addonInfo(): AddonInfo {
  return { ...loadAddon().info };
}
