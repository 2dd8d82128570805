// End to end through the built binary, as users run it (turbo builds dist/ before tests).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });

describe('turbomlx', () => {
  it('--version prints the package version', () => {
    const result = run('--version');
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('--help lists the commands', () => {
    const result = run('--help');
    expect(result.status).toBe(0);
    for (const command of ['doctor', 'demo', 'math']) expect(result.stdout).toContain(command);
  });

  it('doctor --json reports the MLX version and backend', () => {
    const result = run('doctor', '--json');
    expect(result.status, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.ok).toBe(true);
    expect(report.mlx.version).toMatch(/^0\.32\.\d+/);
    expect(['cpu', 'metal', 'cuda']).toContain(report.mlx.backend);
    expect(report.mlx.smokeTest.ok).toBe(true);
    expect(report.node).toBe(process.version);
  });

  it('demo --json passes its end-to-end checks', () => {
    const result = run('demo', '--json');
    expect(result.status, result.stderr).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(out.ok).toBe(true);
    expect(out.checks.map((c: { name: string }) => c.name)).toEqual(['attention', 'quantized matmul', 'safetensors']);
  });

  it('unknown commands and flags are usage errors (exit 2) that name them', () => {
    const unknown = run('frobnicate');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");
    const badFlag = run('doctor', '--jsn');
    expect(badFlag.status).toBe(2);
    expect(badFlag.stderr).toContain("'--jsn'");
  });
});
