import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  dts: true,
  sourcemap: true,
  // The compiled addon lives in build/, outside dist/: never clean it here.
  clean: true,
  target: 'es2022',
});
