#!/usr/bin/env node
import { main } from './cli.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`turbomlx: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
