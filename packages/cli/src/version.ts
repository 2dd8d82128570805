import { createRequire } from 'node:module';

/** The @turbomlx/cli package version (dist/ and src/ both sit one level below package.json). */
export function cliVersion(): string {
  return (createRequire(import.meta.url)('../package.json') as { version: string }).version;
}
