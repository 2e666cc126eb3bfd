import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';

// What the bench reads from /proc: another process's CPU time and memory, the Alertmanager
// process behind a port, and the machine the figures came from.

const TICKS_PER_SECOND = 100;

/** utime + stime of a process, in ms (10 ms resolution). */
export function processCpuMs(pid: number): number {
  // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND) * 1000;
}

/** Resident set size now and its peak (VmHWM), in MiB. */
export function processMemoryMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/** The Alertmanager process (not the `timeout` wrapper the fixture starts it under) listening on this port. */
export function alertmanagerPid(port: number): number {
  const pids = execFileSync('pgrep', ['-f', `web.listen-address=127.0.0.1:${port}`]).toString().trim().split('\n');
  const pid = pids.find((p) => readFileSync(`/proc/${p}/comm`, 'utf8').startsWith('prometheus-aler'));
  if (!pid) throw new Error(`no Alertmanager process listens on port ${port}`);
  return Number(pid);
}

/** "0.25.0" from "alertmanager, version 0.25.0 (branch: …)". */
function version(bin: string): string {
  try {
    const first = execFileSync(bin, ['--version'], { stdio: ['ignore', 'pipe', 'pipe'] }).toString().split('\n')[0]!;
    return /version (\S+)/.exec(first)?.[1] ?? first.trim();
  } catch {
    return 'unknown';
  }
}

export interface MachineInfo {
  cores: number;
  model: string;
  memoryGb: number;
  node: string;
  alertmanager: string;
  prometheus: string;
}

export function machineInfo(): MachineInfo {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  return {
    cores: os.availableParallelism(),
    model: /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? 'unknown',
    memoryGb: os.totalmem() / 2 ** 30,
    node: process.version,
    alertmanager: version('/usr/bin/prometheus-alertmanager'),
    prometheus: version('/usr/bin/prometheus'),
  };
}
