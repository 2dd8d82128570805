// `turbomlx doctor`: what this install runs on. Prints a report, or JSON with --json; exits 1 if MLX cannot load.
import { cpus, freemem, totalmem } from 'node:os';
import { cliVersion } from '../version.js';
import { parseOptions, runCommand } from './args.js';

export interface DoctorReport {
  ok: boolean;
  turbomlx: string;
  node: string;
  platform: string;
  arch: string;
  cpus: number;
  systemMemoryBytes: number;
  freeMemoryBytes: number;
  mlx?: {
    version: string;
    backend: string;
    addonPath: string;
    sdkPath: string;
    defaultDevice: string;
    devices: { cpu: boolean; gpu: boolean; gpuCount: number; metal: boolean; cuda: boolean };
    memory: { activeBytes: number; peakBytes: number; cacheBytes: number; limitBytes: number };
    smokeTest: { op: string; ok: boolean; ms: number };
  };
  error?: string;
}

const HELP = `Usage: turbomlx doctor [--json]

Reports the TurboMLX and MLX versions, the MLX backend (cpu, metal, cuda) the addon was built for, available
devices and memory, the Node version and the addon's path. Exits 1 if MLX cannot be loaded, with the fix.`;

export async function collectDoctorReport(): Promise<DoctorReport> {
  const report: DoctorReport = {
    ok: false,
    turbomlx: cliVersion(),
    node: process.version,
    platform: process.platform,
    arch: process.arch,
    cpus: cpus().length,
    systemMemoryBytes: totalmem(),
    freeMemoryBytes: freemem(),
  };
  try {
    const { mx, addonInfo } = await import('@turbomlx/native-mlx');
    const info = addonInfo();
    const started = performance.now();
    const a = mx.array([[1, 2], [3, 4]], mx.float32);
    const product = mx.matmul(a, a).tolist();
    const smokeOk = JSON.stringify(product) === '[[7,10],[15,22]]';
    const device = mx.defaultDevice();
    report.mlx = {
      version: mx.version(),
      backend: info.backend,
      addonPath: info.path,
      sdkPath: info.mlxRoot,
      defaultDevice: `${device.type}:${device.index}`,
      devices: {
        cpu: mx.isAvailable(mx.cpu),
        gpu: mx.isAvailable(mx.gpu),
        gpuCount: mx.isAvailable(mx.gpu) ? mx.deviceCount('gpu') : 0,
        metal: mx.metal.isAvailable(),
        cuda: mx.cuda.isAvailable(),
      },
      memory: {
        activeBytes: mx.getActiveMemory(),
        peakBytes: mx.getPeakMemory(),
        cacheBytes: mx.getCacheMemory(),
        limitBytes: mx.getMemoryLimit(),
      },
      smokeTest: { op: 'matmul 2x2', ok: smokeOk, ms: Number((performance.now() - started).toFixed(3)) },
    };
    report.ok = smokeOk;
    if (!smokeOk) report.error = `matmul smoke test gave ${JSON.stringify(product)}`;
  } catch (error) {
    report.error = error instanceof Error ? error.message : String(error);
  }
  return report;
}

const gib = (bytes: number): string => `${(bytes / 2 ** 30).toFixed(1)} GiB`;

export function formatDoctorReport(r: DoctorReport): string {
  const lines = [
    `TurboMLX   ${r.turbomlx}`,
    `Node       ${r.node} (${r.platform} ${r.arch}, ${r.cpus} CPUs, ${gib(r.systemMemoryBytes)} RAM, ${gib(r.freeMemoryBytes)} free)`,
  ];
  if (r.mlx) {
    const m = r.mlx;
    lines.push(
      `MLX        ${m.version} (backend: ${m.backend})`,
      `Device     default ${m.defaultDevice}; cpu ${m.devices.cpu ? 'yes' : 'no'}, gpu ${m.devices.gpu ? `yes (${m.devices.gpuCount})` : 'no'}, metal ${m.devices.metal ? 'yes' : 'no'}, cuda ${m.devices.cuda ? 'yes' : 'no'}`,
      `Memory     active ${m.memory.activeBytes} B, peak ${m.memory.peakBytes} B, cache ${m.memory.cacheBytes} B, limit ${gib(m.memory.limitBytes)}`,
      `Addon      ${m.addonPath}`,
      `MLX SDK    ${m.sdkPath}`,
      `Smoke test ${m.smokeTest.op}: ${m.smokeTest.ok ? 'ok' : 'FAILED'} (${m.smokeTest.ms} ms)`,
    );
  }
  if (r.error) lines.push(`Problem    ${r.error}`);
  lines.push(`Status     ${r.ok ? 'ok' : 'NOT OK'}`);
  return lines.join('\n');
}

export async function doctorCommand(argv: string[]): Promise<number> {
  return runCommand('doctor', async () => {
    const { values } = parseOptions(argv, { json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } });
    if (values.help) {
      console.log(HELP);
      return 0;
    }
    const report = await collectDoctorReport();
    console.log(values.json ? JSON.stringify(report, null, 2) : formatDoctorReport(report));
    return report.ok ? 0 : 1;
  });
}
