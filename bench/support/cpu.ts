import { readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';

/** CPU time (ms) of the machine and of the processes that make up the bench, at one instant. */
export interface CpuSample {
  readonly at: number;
  readonly machineBusyMs: number;
  readonly byRole: Readonly<Record<CpuRole, number>>;
}

export type CpuRole = 'bench' | 'dynalite' | 'broker';

const TICK_MS = 10; // USER_HZ is 100 on Linux

function machineBusyMs(): number {
  try {
    const fields = readFileSync('/proc/stat', 'utf8')
      .split('\n')[0]!
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
    return (user + nice + system + irq + softirq + steal) * TICK_MS;
  } catch {
    return Number.NaN;
  }
}

function processMs(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return Number.NaN;
  }
}

function parentOf(pid: string): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

/**
 * The bench's own broker JVM: a sibling of this process (both children of the bench parent),
 * never another broker on the shared machine; absent when the broker is borrowed.
 */
function brokerPid(): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmdline.includes('kafka.Kafka') && parentOf(entry) === process.ppid) return Number(entry);
    } catch {
      // the process ended while we looked
    }
  }
  return undefined;
}

/** Samples CPU time; the bench runs in a child process whose parent hosts dynalite. */
export function cpuProbe() {
  const broker = brokerPid();
  return (): CpuSample => ({
    at: performance.now(),
    machineBusyMs: machineBusyMs(),
    byRole: { bench: processMs(process.pid), dynalite: processMs(process.ppid), broker: processMs(broker) },
  });
}

/** Between two samples: the share of all cores busy, and each role's CPU ms per `units` of work. */
export function cpuBetween(before: CpuSample, after: CpuSample, units: number) {
  const wallMs = after.at - before.at;
  const cores = os.cpus().length;
  const perUnit = (role: CpuRole) => (after.byRole[role] - before.byRole[role]) / units;
  return {
    machineBusy: (after.machineBusyMs - before.machineBusyMs) / (wallMs * cores),
    perUnit: { bench: perUnit('bench'), dynalite: perUnit('dynalite'), broker: perUnit('broker') },
  };
}
