// Shared option parsing: unknown flags and bad values give a usage error (exit code 2) that names the flag.
import { parseArgs, type ParseArgsConfig } from 'node:util';

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

export class UsageError extends Error {}

type Parsed<T extends OptionsConfig> = ReturnType<typeof parseArgs<{ args: string[]; options: T; allowPositionals: boolean; strict: true }>>;

export function parseOptions<T extends OptionsConfig>(argv: string[], options: T, allowPositionals = false): Parsed<T> {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** Runs a command body, turning UsageError into exit code 2 and other errors into exit code 1, with a message. */
export async function runCommand(name: string, body: () => Promise<number> | number): Promise<number> {
  try {
    return await body();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`turbomlx ${name}: ${message}`);
    return error instanceof UsageError ? 2 : 1;
  }
}
