// `turbomlx math` through mathCommand (imports @turbomlx/math from its built dist/, like the CLI does).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mathCommand } from './math.js';

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  const error = vi.spyOn(console, 'error').mockImplementation(() => {});
  try {
    const code = await mathCommand(argv);
    const join = (spy: typeof log) => spy.mock.calls.map((call) => call.join(' ')).join('\n');
    return { code, stdout: join(log), stderr: join(error) };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('turbomlx math', () => {
  it('distortion --json mode=mse d=64 prints rows with the paper values and bounds', async () => {
    const { code, stdout } = await run('distortion', '--dim', '64', '--bits', '1,2,3,4', '--mode', 'mse', '--samples', '2000', '--seed', '1', '--json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ dim: 64, mode: 'mse', rotation: 'haar', samples: 2000, seed: 1 });
    expect(report.rows.map((row: { bits: number }) => row.bits)).toEqual([1, 2, 3, 4]);
    const expected = [0.3584, 0.1145, 0.03339, 0.009132]; // exact Lloyd-Max values at d = 64
    report.rows.forEach((row: Record<string, number | null>, i: number) => {
      expect(Object.keys(row)).toEqual(expect.arrayContaining(['bits', 'distortion', 'bias', 'paper', 'lowerBound', 'upperBound']));
      expect(Math.abs((row.distortion as number) / expected[i]! - 1)).toBeLessThan(0.05);
      expect(row.paper).toBe([0.36, 0.117, 0.03, 0.009][i]);
      expect(row.lowerBound).toBe(4 ** -(i + 1));
    });
  });

  it('distortion --json mode=prod rotation=hadamard d=64: d * D_prod near 0.56, 0.18, 0.053 and no bias', async () => {
    const { code, stdout } = await run('distortion', '--dim', '64', '--bits', '2,3,4', '--mode', 'prod', '--samples', '3000', '--rotation', 'hadamard', '--json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.rotation).toBe('hadamard');
    [0.56, 0.18, 0.053].forEach((value, i) => {
      const row = report.rows[i];
      expect(Math.abs((row.distortion * 64) / value - 1)).toBeLessThan(0.15);
      expect(Math.abs(row.bias)).toBeLessThan(4 * row.biasStderr);
      expect(row.paper).toBeCloseTo([0.56, 0.18, 0.047][i]! / 64, 12);
    });
  });

  it('distortion without --json prints a table', async () => {
    const { code, stdout } = await run('distortion', '--dim', '32', '--bits', '2', '--samples', '200');
    expect(code).toBe(0);
    expect(stdout).toContain('TurboQuant_mse');
    expect(stdout).toMatch(/bits\s+distortion/);
  });

  it('codebook --json d=128 bits=2 gives +-0.453/sqrt(d), +-1.51/sqrt(d)', async () => {
    const { code, stdout } = await run('codebook', '--dim', '128', '--bits', '2', '--json');
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({ dim: 128, bits: 2, density: 'beta' });
    expect(result.centroids.map((c: number) => c * Math.sqrt(128))).toEqual([
      expect.closeTo(-1.505, 3),
      expect.closeTo(-0.4525, 3),
      expect.closeTo(0.4525, 3),
      expect.closeTo(1.505, 3),
    ]);
    expect(result.boundaries).toHaveLength(3);
    expect(result.distortion).toBeCloseTo(0.116, 3);
  });

  it('codebook --gaussian and the table output', async () => {
    const json = JSON.parse((await run('codebook', '--dim', '1', '--bits', '1', '--gaussian', '--json')).stdout);
    expect(json.density).toBe('gaussian');
    expect(json.centroids[1]).toBeCloseTo(Math.sqrt(2 / Math.PI), 12);
    const table = await run('codebook', '--dim', '16', '--bits', '3');
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('Lloyd-Max codebook, d=16, bits=3');
  });

  it.each([
    [['distortion', '--bits', '9'], '--bits must be an integer in 1..8'],
    [['distortion', '--mode', 'prod', '--bits', '1,2'], '--bits: mode prod needs every bit width >= 2 (got 1)'],
    [['distortion', '--mode', 'fast'], "--mode must be one of mse, prod (got 'fast')"],
    [['distortion', '--dim', '96', '--rotation', 'hadamard'], '--dim must be a power of two with --rotation hadamard'],
    [['distortion', '--dim', '2'], '--dim must be an integer >= 3'],
    [['distortion', '--samples', 'many'], "--samples must be an integer in 2..100000000 (got 'many')"],
    [['distortion', '--seed=-1'], '--seed must be an integer >= 0'],
    [['distortion', '--frobnicate'], "'--frobnicate'"],
    [['codebook', '--bits', '2'], '--dim is required'],
    [['codebook', '--dim', '2', '--bits', '2'], '--dim must be an integer >= 3'],
    [['codebook', '--dim', '8', '--bits', '0'], '--bits must be an integer in 1..8'],
  ])('usage error %j exits 2 naming the flag', async (argv, message) => {
    const { code, stderr } = await run(...argv);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });

  it('unknown subcommand and bare `math` are usage errors; --help is not', async () => {
    const unknown = await run('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown subcommand 'frobnicate'");
    expect((await run()).code).toBe(2);
    const help = await run('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: turbomlx math <subcommand>');
  });
});
