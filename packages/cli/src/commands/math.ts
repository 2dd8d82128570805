// `turbomlx math`: the TurboQuant reference math of @turbomlx/math from the command line.
//   math distortion  Monte Carlo distortion of TurboQuant_mse / _prod next to the paper's values and bounds
//   math codebook    the Lloyd-Max codebook for one coordinate of a rotated unit vector
import {
  MAX_CODEBOOK_BITS,
  isPowerOfTwo,
  lloydMaxCodebook,
  simulateDistortion,
  type DistortionReport,
  type RotationKind,
  type TurboQuantMode,
} from '@turbomlx/math';
import { UsageError, parseOptions, runCommand } from './args.js';

const HELP = `Usage: turbomlx math <subcommand> [options]

Subcommands:
  distortion   Monte Carlo distortion of TurboQuant over random unit vectors, next to the paper's values and bounds
      --dim D              vector dimension (default 128; >= 3)
      --bits B1,B2,...     bit widths (bitsTotal) to measure, each 1..8; prod needs >= 2 (default 1,2,3,4 / 2,3,4)
      --mode mse|prod      mse: E||x - x~||^2; prod: E(<y,x> - estimate)^2 for random unit y (default mse)
      --samples N          random (x, y) pairs (default 10000)
      --seed S             seed of the rotation, the QJL matrix and the samples (default 0)
      --rotation haar|hadamard   one random rotation per run (default haar; hadamard needs a power-of-two dim)
      --json               print JSON
  codebook     The Lloyd-Max codebook of the coordinate density of a rotated unit vector in R^D
      --dim D --bits B     dimension (>= 3; >= 1 with --gaussian) and bits (1..8)
      --gaussian           use the N(0, 1/D) limit instead of the exact density
      --json               print JSON`;

/** Runs `turbomlx math ...` with the arguments after `math`; resolves to the exit code (2 for usage errors). */
export async function mathCommand(argv: string[]): Promise<number> {
  const [subcommand, ...rest] = argv;
  if (subcommand === undefined || subcommand === '-h' || subcommand === '--help' || subcommand === 'help') {
    console.log(HELP);
    return subcommand === undefined ? 2 : 0;
  }
  if (subcommand === 'distortion') return runCommand('math distortion', () => distortionCommand(rest));
  if (subcommand === 'codebook') return runCommand('math codebook', () => codebookCommand(rest));
  console.error(`turbomlx math: unknown subcommand '${subcommand}'. Subcommands: distortion, codebook. See turbomlx math --help.`);
  return 2;
}

function parseInteger(value: string, flag: string, minimum: number, maximum = Number.MAX_SAFE_INTEGER): number {
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isSafeInteger(parsed) || parsed < minimum || parsed > maximum) {
    const range = maximum === Number.MAX_SAFE_INTEGER ? `>= ${minimum}` : `in ${minimum}..${maximum}`;
    throw new UsageError(`${flag} must be an integer ${range} (got '${value}')`);
  }
  return parsed;
}

function parseBitsList(value: string, mode: TurboQuantMode): number[] {
  const bits = value.split(',').map((item) => parseInteger(item.trim(), '--bits', 1, MAX_CODEBOOK_BITS));
  const tooSmall = bits.find((b) => mode === 'prod' && b < 2);
  if (tooSmall !== undefined) {
    throw new UsageError(
      `--bits: mode prod needs every bit width >= 2 (got ${tooSmall}); prod spends bits - 1 on the codebook and 1 on the QJL sign`,
    );
  }
  return [...new Set(bits)];
}

function oneOf<T extends string>(value: string, flag: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`${flag} must be one of ${allowed.join(', ')} (got '${value}')`);
  }
  return value as T;
}

async function distortionCommand(argv: string[]): Promise<number> {
  const { values } = parseOptions(argv, {
    dim: { type: 'string', default: '128' },
    bits: { type: 'string' },
    mode: { type: 'string', default: 'mse' },
    samples: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '0' },
    rotation: { type: 'string', default: 'haar' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const mode = oneOf<TurboQuantMode>(values.mode, '--mode', ['mse', 'prod']);
  const rotation = oneOf<RotationKind>(values.rotation, '--rotation', ['haar', 'hadamard']);
  const dim = parseInteger(values.dim, '--dim', 3);
  if (rotation === 'hadamard' && !isPowerOfTwo(dim)) {
    throw new UsageError(`--dim must be a power of two with --rotation hadamard (got ${dim}); use --rotation haar`);
  }
  const bits = parseBitsList(values.bits ?? (mode === 'prod' ? '2,3,4' : '1,2,3,4'), mode);
  const samples = parseInteger(values.samples, '--samples', 2, 100_000_000);
  const seed = parseInteger(values.seed, '--seed', 0);

  const started = performance.now();
  const report = simulateDistortion({ dim, bits, mode, samples, seed, rotation });
  const seconds = (performance.now() - started) / 1000;
  if (values.json) {
    console.log(JSON.stringify(report));
  } else {
    console.log(formatDistortionTable(report, seconds));
  }
  return 0;
}

function exponential(value: number): string {
  return value.toExponential(2);
}

function fixed(value: number | null, digits = 5): string {
  return value === null ? '-' : value.toFixed(digits);
}

function formatDistortionTable(report: DistortionReport, seconds: number): string {
  const { dim, mode } = report;
  const title =
    mode === 'mse'
      ? `TurboQuant_mse: D_mse = E||x - x~||^2 over random unit x`
      : `TurboQuant_prod: D_prod = E(<y,x> - estimate)^2 over random unit x, y (d * D_prod in brackets)`;
  const lines = [
    title,
    `d=${dim}, rotation=${report.rotation}, ${report.samples} samples, seed ${report.seed}, codebook density ${report.density}`,
    '',
  ];
  const header = ['bits', 'distortion', 'stderr', 'exact', 'paper', 'lower bound', 'upper bound', 'ip bias (±se)', 'ip ratio (exact)'];
  const rows = report.rows.map((row) => {
    const withDim = (value: number | null): string =>
      value === null ? '-' : mode === 'prod' ? `${value.toFixed(6)} [${(value * dim).toFixed(4)}]` : fixed(value);
    return [
      String(row.bits),
      withDim(row.distortion),
      exponential(row.stderr),
      withDim(row.expected),
      withDim(row.paper),
      withDim(row.lowerBound),
      withDim(row.upperBound),
      `${exponential(row.bias)} ±${exponential(row.biasStderr)}`,
      `${row.ipBiasRatio.toFixed(4)} (${row.ipBiasRatioExpected.toFixed(4)})`,
    ];
  });
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const format = (cells: string[]): string => cells.map((cell, column) => cell.padStart(widths[column]!)).join('  ');
  lines.push(format(header), ...rows.map(format), '');
  lines.push(
    'exact: Lloyd-Max expectation for a Haar rotation; ip ratio: sum(est*<y,x>)/sum(<y,x>^2), 1 - D_mse for mse (2/pi at 1 bit), 1 for prod.',
    `(${seconds.toFixed(2)} s)`,
  );
  return lines.join('\n');
}

async function codebookCommand(argv: string[]): Promise<number> {
  const { values } = parseOptions(argv, {
    dim: { type: 'string' },
    bits: { type: 'string' },
    gaussian: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (values.dim === undefined) throw new UsageError('--dim is required');
  if (values.bits === undefined) throw new UsageError('--bits is required');
  const density = values.gaussian ? 'gaussian' : 'beta';
  const dim = parseInteger(values.dim, '--dim', density === 'beta' ? 3 : 1);
  const bits = parseInteger(values.bits, '--bits', 1, MAX_CODEBOOK_BITS);
  const codebook = lloydMaxCodebook(dim, bits, { density });
  const result = {
    dim,
    bits,
    density,
    centroids: Array.from(codebook.centroids),
    boundaries: Array.from(codebook.boundaries),
    /** Expected ||u - u~||^2 for a unit vector: dim * per-coordinate MSE. */
    distortion: codebook.distortion,
    coordinateDistortion: codebook.coordinateDistortion,
  };
  if (values.json) {
    console.log(JSON.stringify(result));
    return 0;
  }
  const scale = Math.sqrt(dim);
  console.log(`Lloyd-Max codebook, d=${dim}, bits=${bits}, density ${density === 'beta' ? 'exact (beta)' : 'N(0, 1/d)'}`);
  console.log(`distortion E||u - u~||^2 = ${codebook.distortion.toPrecision(6)} (per coordinate ${codebook.coordinateDistortion.toPrecision(6)})`);
  console.log('  i  centroid            centroid*sqrt(d)   upper boundary');
  codebook.centroids.forEach((centroid, i) => {
    const boundary = codebook.boundaries[i];
    console.log(
      `${String(i).padStart(3)}  ${centroid.toPrecision(12).padEnd(18)}  ${(centroid * scale).toFixed(6).padStart(10)}   ${
        boundary === undefined ? '' : boundary.toPrecision(12)
      }`,
    );
  });
  return 0;
}
