import type { LogRecord } from '../../lib/eventLog/eventLog';
import { CeHeader } from '../../lib/envelope/headers';
import type { Recorder } from '../scenario';
import { percentile } from '../stats';
import { throughput } from '../support/load';
import { versionCounts } from '../support/versionCounts';
import type { CommandPath } from './b1Setup';

const COMMANDS = 400;
const WRITERS = [1, 8] as const;

/** What the command path appended for one aggregate, by who appended it. */
interface Appended {
  records: number;
  appends: number;
  /** Records of an earlier command, carried along in a later command's transaction. */
  carried: number;
  appendsCarrying: number;
  largest: number;
  /** Carried records whose first publication had committed before the carrier's append began. */
  alreadyCommitted: number;
}

interface Span {
  readonly started: number;
  readonly ended: number;
  readonly highest: number;
}

/** Highest version of the appends that had ended by `at`. */
function committedBy(spans: readonly Span[], at: number): number {
  return spans.reduce((highest, span) => (span.ended <= at ? Math.max(highest, span.highest) : highest), 0);
}

/**
 * Every append of the command path is a head's whole outbox: the outbox it found, then its own
 * records. A restock decides one record, so records with another command id than the last one's
 * were carried along from a command that had not cleared its outbox yet.
 */
function watch(path: CommandPath, id: string): Appended {
  const tally: Appended = {
    records: 0,
    appends: 0,
    carried: 0,
    appendsCarrying: 0,
    largest: 0,
    alreadyCommitted: 0,
  };
  const spans: Span[] = [];
  const versionOf = (record: LogRecord) => Number(record.headers[CeHeader.aggregateVersion]);
  path.appendTime.onAppended = (records: readonly LogRecord[], started: number) => {
    const mine = records.filter((record) => record.key === id);
    if (mine.length === 0) return;
    const own = mine[mine.length - 1]!.headers[CeHeader.commandId];
    const carried = mine.filter((record) => record.headers[CeHeader.commandId] !== own).length;
    tally.records += mine.length;
    tally.appends += 1;
    tally.carried += carried;
    tally.appendsCarrying += carried > 0 ? 1 : 0;
    tally.largest = Math.max(tally.largest, mine.length);
    const committed = committedBy(spans, started);
    tally.alreadyCommitted += mine.filter(
      (record) => record.headers[CeHeader.commandId] !== own && versionOf(record) <= committed,
    ).length;
    spans.push({ started, ended: performance.now(), highest: Math.max(...mine.map(versionOf)) });
  };
  return tally;
}

async function writeOne(path: CommandPath, id: string, writers: number, design: Design = 'today') {
  const appended = watch(path, id);
  path.meter.reset();
  let failed = 0;
  const handle = design === 'first' ? path.handlers.firstDesign : path.handlers.transactional;
  const timed = await throughput(writers, COMMANDS / writers, () =>
    path.restock(handle, id).catch(() => {
      failed += 1;
    }),
  );
  path.appendTime.onAppended = undefined;
  const headWrites = path.meter.byOperation.get('PutItem')?.calls ?? 0;
  return { id, writers, design, appended, timed, failed, headWrites };
}

/** Today's heads, or the first design's (no published watermark: bench/support/firstDesignHeads.ts). */
type Design = 'today' | 'first';

/**
 * Republished copies: {@link COMMANDS} restocks of ONE sku by 1 and by 8 concurrent writers, then
 * the topic read back and its records of that sku counted by aggregate version. A copy is every
 * record of a version beyond its first; per 100 events = copies / distinct versions × 100.
 */
export async function recordCopies(path: CommandPath, run: string, recorder: Recorder): Promise<void> {
  const results = [];
  for (const writers of WRITERS) results.push(await writeOne(path, `copies-${run}-w${writers}`, writers));
  const first = await writeOne(path, `copies-${run}-first-w8`, 8, 'first');
  results.push(first);
  const expected = results.reduce((sum, r) => sum + r.appended.records, 0);
  const ids = results.map((r) => r.id);
  const counts = await versionCounts(path.kafka, path.topic, `${path.topic}-copies-${run}`, ids, expected);
  for (const r of results) {
    const versions = counts.get(r.id)!;
    const records = [...versions.values()].reduce((sum, n) => sum + n, 0);
    const per100 = (n: number) => (n / versions.size) * 100;
    if (r.design === 'first') {
      const label = 'republished copies per 100 events, first design (no watermark), 8 writers on one sku';
      recorder.record('copies.firstW8', label, 'copies', per100(records - versions.size));
      continue;
    }
    const w = `copies.w${r.writers}`;
    const on = `${r.writers} writer${r.writers > 1 ? 's' : ''} on one sku`;
    recorder.record(w, `republished copies per 100 events, ${on}`, 'copies', per100(records - versions.size));
    if (r.writers === 1) continue;
    recorder.record(
      `${w}Carried`,
      `… carried along by a later command (appends seen)`,
      'copies',
      per100(r.appended.carried),
    );
    recorder.record(
      `${w}Committed`,
      `… of which already in the log when the carrier's append began`,
      'copies',
      per100(r.appended.alreadyCommitted),
    );
    recorder.record(
      `${w}Max`,
      `… most records of one version, ${on}`,
      'records',
      Math.max(...versions.values()),
    );
    recorder.record(
      `${w}AppendsCarrying`,
      `appends carrying an earlier command's records, ${on}`,
      '%',
      (r.appended.appendsCarrying / r.appended.appends) * 100,
    );
    recorder.record(`${w}Largest`, `largest outbox published, ${on}`, 'records', r.appended.largest);
    recorder.record(
      `${w}Puts`,
      `head writes (PutItem) per command, ${on}`,
      'writes',
      r.headWrites / COMMANDS,
    );
    recorder.record(`${w}Thr`, `throughput, ${on}`, 'cmd/s', r.timed.perSecond);
    recorder.record(`${w}P50`, `latency p50, ${on}`, 'ms', percentile(r.timed.latencies, 50));
    recorder.record(`${w}Versions`, `versions in the log / commands, ${on}`, '×', versions.size / COMMANDS);
    recorder.record(`${w}Failed`, `commands failed, ${on}`, 'commands', r.failed);
  }
}
