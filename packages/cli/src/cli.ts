// The `turbomlx` command. Commands load lazily, so `--help` and `--version` work even when the native addon does not.
import { cliVersion } from './version.js';

interface CommandSpec {
  summary: string;
  run: (argv: string[]) => Promise<number>;
}

const commands: Record<string, CommandSpec> = {
  doctor: {
    summary: 'Report the MLX build, backend, devices and memory this install uses (--json for scripts)',
    run: async (argv) => (await import('./commands/doctor.js')).doctorCommand(argv),
  },
  demo: {
    summary: 'Run the end-to-end demo',
    run: async (argv) => (await import('./commands/demo.js')).demoCommand(argv),
  },
  math: {
    summary: 'TurboQuant reference math: `math distortion ...`, `math codebook ...`',
    run: async (argv) => (await import('./commands/math.js')).mathCommand(argv),
  },
};

export function usage(): string {
  const width = Math.max(...Object.keys(commands).map((n) => n.length));
  return [
    `turbomlx ${cliVersion()}: TurboQuant KV-cache compression for MLX language models`,
    '',
    'Usage: turbomlx <command> [options]',
    '',
    'Commands:',
    ...Object.entries(commands).map(([name, spec]) => `  ${name.padEnd(width)}  ${spec.summary}`),
    '',
    'Options:',
    '  -h, --help     Show this help (or a command\'s: turbomlx <command> --help)',
    '  -v, --version  Print the version',
  ].join('\n');
}

/** Runs the CLI with `argv` (the arguments after the program name); resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '-h' || first === '--help' || first === 'help') {
    console.log(usage());
    return first === undefined ? 2 : 0;
  }
  if (first === '-v' || first === '--version') {
    console.log(cliVersion());
    return 0;
  }
  const command = commands[first];
  if (!command) {
    console.error(`turbomlx: unknown command '${first}'. Commands: ${Object.keys(commands).join(', ')}. See turbomlx --help.`);
    return 2;
  }
  return command.run(rest);
}
