import fs from 'node:fs';
import path from 'node:path';
import { kafkaCachePaths } from './cachePaths';
import { isAlive, isKafkaBroker, terminateProcessGroup } from './processControl';

/** What is remembered about a running broker, in `<cache>/run/<pid>.json`. */
export type BrokerRecord = {
  readonly pid: number;
  /** The Node process that started it; when that is gone, the broker is an orphan. */
  readonly ownerPid: number;
  readonly port: number;
  readonly logFile: string;
  /** Temporary data dir to delete with the broker; absent for caller-owned dirs. */
  readonly tempDataDir?: string;
};

/** Remembers a started broker so a later run can clean it up if this one crashes. */
export function recordBroker(runDir: string, record: BrokerRecord): void {
  fs.mkdirSync(runDir, { recursive: true });
  // Write-then-rename: a reader never sees half a record.
  const file = recordPath(runDir, record.pid);
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(record, null, 2));
  fs.renameSync(`${file}.tmp`, file);
}

/** Forgets a broker, deleting its temporary data dir. Synchronous so it can run in an `exit` hook. */
export function forgetBroker(runDir: string, record: BrokerRecord): void {
  if (record.tempDataDir) fs.rmSync(record.tempDataDir, { recursive: true, force: true });
  fs.rmSync(recordPath(runDir, record.pid), { force: true });
}

/** Options of {@link stopStaleBrokers}. */
export type StopStaleOptions = {
  /** Also stop brokers whose starting process is still alive (e.g. a `kafka:start` in another shell). */
  readonly all?: boolean;
  readonly runDir?: string;
};

/**
 * Stops recorded brokers left behind by runs that died without stopping them (their starting process is
 * gone), and drops records of brokers that already exited. Only pids whose command line contains
 * `kafka.Kafka` are ever signalled. Returns the pids that were stopped.
 *
 * @example
 * await stopStaleBrokers();              // orphans only: safe while other runs use their brokers
 * await stopStaleBrokers({ all: true }); // every recorded broker
 */
export async function stopStaleBrokers(options: StopStaleOptions = {}): Promise<number[]> {
  const runDir = options.runDir ?? kafkaCachePaths().runDir;
  const stopped: number[] = [];
  for (const record of readRecords(runDir)) {
    const running = isKafkaBroker(record.pid);
    if (running && !options.all && isAlive(record.ownerPid)) continue;
    if (running) {
      await terminateProcessGroup(record.pid);
      stopped.push(record.pid);
    }
    forgetBroker(runDir, record);
  }
  return stopped;
}

function readRecords(runDir: string): BrokerRecord[] {
  if (!fs.existsSync(runDir)) return [];
  return fs
    .readdirSync(runDir)
    .filter((name) => name.endsWith('.json'))
    .flatMap((name) => {
      try {
        return [JSON.parse(fs.readFileSync(path.join(runDir, name), 'utf8')) as BrokerRecord];
      } catch {
        return []; // not ours to interpret; leave it alone
      }
    });
}

function recordPath(runDir: string, pid: number): string {
  return path.join(runDir, `${pid}.json`);
}
