import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** Whether a process with this pid is running. A zombie (exited, not yet reaped) counts as gone. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  return !isZombie(pid);
}

function isZombie(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z'); // state follows "(command) "
  } catch {
    return false; // no /proc: assume a reaper does its job
  }
}

/**
 * Whether `pid` is a running Kafka broker JVM. Guards every kill of a recorded pid: after a reboot or a
 * long pause the pid may belong to an unrelated process.
 */
export function isKafkaBroker(pid: number): boolean {
  return commandLine(pid)?.includes('kafka.Kafka') ?? false;
}

function commandLine(pid: number): string | undefined {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    // No /proc (macOS): ask ps.
    const ps = spawnSync('ps', ['-p', String(pid), '-o', 'command='], { encoding: 'utf8' });
    return ps.status === 0 ? ps.stdout : undefined;
  }
}

/** Sends `signal` to the process group led by `pid` (brokers are spawned detached, as group leaders). */
export function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal); // not a group leader after all
    } catch {
      // already gone
    }
  }
}

/** Options of {@link terminateProcessGroup}. */
export type TerminateOptions = {
  /** Time allowed for a clean shutdown after SIGTERM before SIGKILL. */
  readonly graceMs?: number;
  /** Resolves when the process exited; pass it for own children (their exit event is exact). */
  readonly exited?: Promise<unknown>;
};

/** SIGTERM the group, wait for the exit, SIGKILL when the grace period runs out. */
export async function terminateProcessGroup(pid: number, options: TerminateOptions = {}): Promise<void> {
  const { graceMs = 15_000, exited = pollUntilGone(pid) } = options;
  signalGroup(pid, 'SIGTERM');
  if (await exitsWithin(exited, graceMs)) return;
  signalGroup(pid, 'SIGKILL');
  await exitsWithin(exited, 5_000);
}

// The timer stays ref'd on purpose: an unref'd child's exit event alone would not keep Node alive, and
// Node would quit mid-stop. It is cancelled as soon as the process exits.
async function exitsWithin(exited: Promise<unknown>, ms: number): Promise<boolean> {
  const timer = new AbortController();
  try {
    return await Promise.race([exited.then(() => true), sleep(ms, false, { signal: timer.signal })]);
  } finally {
    timer.abort();
  }
}

async function pollUntilGone(pid: number): Promise<void> {
  while (isAlive(pid)) await sleep(50);
}
