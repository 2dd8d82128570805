/** @turbomlx/cli: the `turbomlx` command, also callable from code. */
export { main, usage } from './cli.js';
export { collectDoctorReport, formatDoctorReport, type DoctorReport } from './commands/doctor.js';
